// Every unit test formats times in one pinned locale (24-hour "09:02"), whatever the machine's.
import { pinTimeLocale } from './core/text/time';

pinTimeLocale('en-GB');
