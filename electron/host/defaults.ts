/** The host's fixed default port: printed join cards and QR codes stay valid from one start to the next. */
export const DEFAULT_PORT = 8737;
