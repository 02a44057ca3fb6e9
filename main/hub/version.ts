/** The hub's version, as shown in /api/info and the UI's about page. Kept in step with package.json by a test. */
export const hubVersion = '0.1.0';
