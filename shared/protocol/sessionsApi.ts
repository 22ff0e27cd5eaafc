/** The facilitator's sessions API (`/api/sessions`, bearer host key): what it answers with. */
export interface SessionSummary {
  id: string;
  title: string;
  code: string;
  createdAt: string;
  endedAt: string | null;
  learners: number;
  /** Loaded in the host right now. */
  live: boolean;
}

export interface SessionsList {
  sessions: SessionSummary[];
  /** Base URLs learners can reach this host on (LAN addresses, or loopback). */
  joinBases: string[];
}
