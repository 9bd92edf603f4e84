export { addBusinessTime } from './add-business-time';
export { businessCalendarSchema, workingIntervalSchema, WEEKDAYS, type BusinessCalendar, type Weekday, type WorkingInterval } from './business-calendar';
export { businessTimeBetween } from './business-time-between';
export { dayOff } from './day-off';
export { isBusinessTime } from './is-business-time';
export { nextBusinessMoment } from './next-business-moment';
