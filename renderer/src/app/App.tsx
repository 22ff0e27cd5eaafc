/** Routes of the kit browser. Every route works with no session (self-study) and is served by the host. */
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';
import { LoadingPage } from '../content/ContentErrorPage';
import { ContentProvider } from '../content/ContentProvider';
import { NotFound } from '../ui/bits';
import { AgendaPage } from '../kit/AgendaPage';
import { CasePage, CasesPage } from '../kit/CasesPage';
import { ConceptPage } from '../kit/ConceptPage';
import { ConceptsPage } from '../kit/ConceptsPage';
import { GlossaryPage } from '../kit/GlossaryPage';
import { DeckPage } from '../kit/DeckPage';
import { DiagramPage, DiagramsPage } from '../kit/DiagramsPage';
import { EthicsPage, RolesPage } from '../kit/EthicsRolesPages';
import { GuidePage } from '../kit/GuidePage';
import { HandoutPage } from '../kit/HandoutPage';
import { HomePage } from '../kit/HomePage';
import { LessonPlanPage } from '../kit/LessonPlanPage';
import { MlTestScorePage } from '../kit/MlTestScorePage';
import { PhasePage } from '../kit/PhasePage';
import { PollsPage } from '../kit/PollsPage';
import { PreWorkPage } from '../kit/PreWorkPage';
import { ResourcePage, ResourcesPage } from '../kit/ResourcesPage';
import { RubricPage } from '../kit/RubricPage';
import { TemplatePage } from '../kit/TemplatePage';
import { ToolPage, ToolsPage } from '../kit/ToolsPage';
import { WorksheetPage } from '../kit/WorksheetPage';
import { Layout } from './Layout';
import { RoomProvider } from '../sync/RoomProvider';
import { JoinCodePage, JoinPage } from '../room/JoinPage';
import { RoomPage } from '../room/RoomPage';
import { MenuNavigation } from './MenuNavigation';

const HelpPage = lazy(() => import('./HelpPage'));

// The facilitator's screens (console, projector, printable join card) load on demand: a learner's phone joining the
// room never downloads, parses or runs them (bench:join). They open on the host's own machine, so they never need
// to load while the host is unreachable.
const ConsolePage = lazy(() => import('../room/ConsolePage').then((m) => ({ default: m.ConsolePage })));
const PresenterPage = lazy(() => import('../live/PresenterPage').then((m) => ({ default: m.PresenterPage })));
const PrintableJoinCard = lazy(() => import('../room/PrintableJoinCard').then((m) => ({ default: m.PrintableJoinCard })));
// The MLOps lab (engine, worker, charts) loads on demand: nothing of it is in the join page's bundle (bench:join).
const LabPage = lazy(() => import('../lab/LabPage').then((m) => ({ default: m.LabPage })));
const LabComparePage = lazy(() => import('../lab/ComparePage').then((m) => ({ default: m.ComparePage })));
// A preview of the lab's Pipeline, Monitoring and Explain screens on a fixed lab (for the e2e spec and developers;
// linked from nowhere), loaded on demand with the lab's engine, recharts and xyflow.
const LabViewsPreview = lazy(() => import('../lab/labViewsHarness'));

function OnDemand({ children }: { children: ReactNode }) {
  return <Suspense fallback={<LoadingPage />}>{children}</Suspense>;
}

/** On navigation: scroll to the top (or the #anchor) and move focus to the page for screen readers. */
function ScrollManager() {
  const { pathname, hash } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    // The first page keeps the browser's natural focus order (Tab reaches "Skip to content" first).
    if (first.current) {
      first.current = false;
      if (!hash) return;
    }
    if (hash) {
      document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
      return;
    }
    window.scrollTo(0, 0);
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname, hash]);
  return null;
}

export function App() {
  return (
    <BrowserRouter>
      <ContentProvider>
        <RoomProvider>
          <ScrollManager />
          <MenuNavigation />
          <Routes>
            <Route
              path="present"
              element={
                <OnDemand>
                  <PresenterPage />
                </OnDemand>
              }
            />
            <Route
              path="present/:code"
              element={
                <OnDemand>
                  <PresenterPage />
                </OnDemand>
              }
            />
            <Route
              path="join-card/:code"
              element={
                <OnDemand>
                  <PrintableJoinCard />
                </OnDemand>
              }
            />
            <Route element={<Layout />}>
              <Route index element={<HomePage />} />
              <Route path="kit/agenda" element={<AgendaPage />} />
              <Route path="kit/lesson" element={<LessonPlanPage />} />
              <Route path="kit/phases/:id" element={<PhasePage />} />
              <Route path="kit/concepts" element={<ConceptsPage />} />
              <Route path="kit/concepts/:id" element={<ConceptPage />} />
              <Route path="kit/glossary" element={<GlossaryPage />} />
              <Route path="kit/cases" element={<CasesPage />} />
              <Route path="kit/cases/:id" element={<CasePage />} />
              <Route path="kit/decks/:deckId/:slideId?" element={<DeckPage />} />
              <Route path="kit/diagrams" element={<DiagramsPage />} />
              <Route path="kit/diagrams/:id" element={<DiagramPage />} />
              <Route path="kit/tools" element={<ToolsPage />} />
              <Route path="kit/tools/:id" element={<ToolPage />} />
              <Route path="kit/resources" element={<ResourcesPage />} />
              <Route path="kit/resources/:id" element={<ResourcePage />} />
              <Route path="kit/worksheets/:id" element={<WorksheetPage />} />
              <Route path="kit/templates/:id" element={<TemplatePage />} />
              <Route path="kit/rubrics/:id" element={<RubricPage />} />
              <Route path="kit/polls" element={<PollsPage />} />
              <Route path="kit/ml-test-score/:id" element={<MlTestScorePage />} />
              <Route path="kit/ethics" element={<EthicsPage />} />
              <Route path="kit/roles" element={<RolesPage />} />
              <Route path="kit/guide" element={<GuidePage />} />
              <Route path="kit/handout" element={<HandoutPage />} />
              <Route
                path="help"
                element={
                  <Suspense fallback={<p className="page muted">Loading…</p>}>
                    <HelpPage />
                  </Suspense>
                }
              />
              <Route path="kit/prework" element={<PreWorkPage />} />
              <Route
                path="kit/lab/compare"
                element={
                  <OnDemand>
                    <LabComparePage />
                  </OnDemand>
                }
              />
              <Route
                path="kit/lab/:scenarioId?"
                element={
                  <OnDemand>
                    <LabPage />
                  </OnDemand>
                }
              />
              <Route
                path="kit/lab-views-preview"
                element={
                  <OnDemand>
                    <LabViewsPreview />
                  </OnDemand>
                }
              />
              <Route path="join" element={<JoinCodePage />} />
              <Route path="join/:code" element={<JoinPage />} />
              <Route path="room/:code" element={<RoomPage />} />
              <Route
                path="console"
                element={
                  <OnDemand>
                    <ConsolePage />
                  </OnDemand>
                }
              />
              <Route
                path="console/:code"
                element={
                  <OnDemand>
                    <ConsolePage />
                  </OnDemand>
                }
              />
              <Route path="*" element={<NotFound what="page" />} />
            </Route>
          </Routes>
        </RoomProvider>
      </ContentProvider>
    </BrowserRouter>
  );
}
