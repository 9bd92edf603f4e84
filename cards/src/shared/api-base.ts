/**
 * Where the lead manager service answers. The project build replaces this placeholder with
 * APP_BASE_URL (the same origin app.json lists in permittedUrls.fetch).
 */
export const API_BASE = '__APP_BASE_URL__';
