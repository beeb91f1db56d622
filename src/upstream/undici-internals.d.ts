/** The undici module src/upstream/undici-pool.ts loads by path (typed there). */
declare module 'undici/lib/dispatcher/agent.js' {
  const Agent: unknown;
  export default Agent;
}
