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

/** A storage problem the host met (a failed write, a damaged file found at load), as printed on its stderr. */
export interface HostProblem {
  at: string;
  /** The session it concerns, or null for the host as a whole (free space). */
  session: string | null;
  message: string;
}

/** The host's storage health (`GET /api/status`, bearer host key): the console shows a warning from it. */
export interface HostStatus {
  disk: {
    /** Free space in the host's data folder, in MB (null until measured). */
    freeMb: number | null;
    warnBelowMb: number;
    refuseBelowMb: number;
    /** Below the warning threshold. */
    low: boolean;
    /** Below the refusal threshold: new participants cannot join. */
    refusingNewLearners: boolean;
  };
  /** Some session cannot write its changes right now (they are refused until it can). */
  writesFailing: boolean;
  /** The latest problems, oldest first. */
  problems: HostProblem[];
}
