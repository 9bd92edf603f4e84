import Holidays from 'date-holidays';

const DAY_MS = 86_400_000;
const directory = new Holidays();
const byCountryRegionYear = new Map<string, ReadonlyMap<string, string>>();
// The library rebuilds these lists on every call; they never change while the process runs.
const countries = directory.getCountries();
const statesByCountry = new Map<string, Readonly<Record<string, string>>>();
const statesOf = (country: string) => {
  const states = statesByCountry.get(country) ?? directory.getStates(country) ?? {};
  statesByCountry.set(country, states);
  return states;
};

/** Why a country/region pair has no holiday data, or undefined when it has. */
export function checkHolidayRegion(country: string | undefined, region: string | undefined): { field: 'country' | 'region'; message: string } | undefined {
  if (country === undefined) return region === undefined ? undefined : { field: 'region', message: 'Choose a country for the region' };
  if (!Object.hasOwn(countries, country)) return { field: 'country', message: `There is no holiday data for the country "${country}"` };
  if (region !== undefined && !Object.hasOwn(statesOf(country), region)) {
    return { field: 'region', message: `There is no holiday data for the region "${region}" of ${country}` };
  }
  return undefined;
}

/** A year's public holidays by local date (YYYY-MM-DD) with their English names, every day of a multi-day holiday included. */
export function publicHolidays(country: string, region: string | undefined, year: number): ReadonlyMap<string, string> {
  const key = `${country}/${region ?? ''}/${year}`;
  const cached = byCountryRegionYear.get(key);
  if (cached) return cached;
  const holidays = region === undefined ? new Holidays(country) : new Holidays(country, region);
  const byDate = new Map<string, string>();
  for (const holiday of holidays.getHolidays(year, 'en')) {
    if (holiday.type !== 'public') continue;
    const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
    const first = Date.parse(`${holiday.date.slice(0, 10)}T00:00:00Z`);
    for (let day = 0; day < days; day += 1) byDate.set(new Date(first + day * DAY_MS).toISOString().slice(0, 10), holiday.name);
  }
  byCountryRegionYear.set(key, byDate);
  return byDate;
}
