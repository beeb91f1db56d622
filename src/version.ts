/** The server version reported to clients in serverInfo (kept in step with package.json). */
export const SERVER_NAME = 'jumpcloud-mcp';
export const SERVER_VERSION = '0.1.0';
