/** Routes of the kit browser. Every route works with no session (self-study) and is served by the host. */
import { BrowserRouter, Route, Routes, useLocation } from 'react-router';
import { lazy, Suspense, useEffect, useRef } from 'react';
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
import { ConsolePage } from '../room/ConsolePage';
import { PresenterPage } from '../live/PresenterPage';
import { PrintableJoinCard } from '../room/PrintableJoinCard';
import { MenuNavigation } from './MenuNavigation';

const HelpPage = lazy(() => import('./HelpPage'));

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
            <Route path="present" element={<PresenterPage />} />
          <Route path="present/:code" element={<PresenterPage />} />
            <Route path="join-card/:code" element={<PrintableJoinCard />} />
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
              <Route path="join" element={<JoinCodePage />} />
              <Route path="join/:code" element={<JoinPage />} />
              <Route path="room/:code" element={<RoomPage />} />
              <Route path="console" element={<ConsolePage />} />
              <Route path="console/:code" element={<ConsolePage />} />
              <Route path="*" element={<NotFound what="page" />} />
            </Route>
          </Routes>
        </RoomProvider>
      </ContentProvider>
    </BrowserRouter>
  );
}
