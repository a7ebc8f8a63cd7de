package dev.hearth.chat;

/**
 * Python's {@code time.strftime} for the directives chat templates use to print today's date
 * (Llama 3.1: {@code "%d %b %Y"}), in UTC, computed from epoch milliseconds with no time-zone library.
 */
final class Strftime {
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] DAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

    private Strftime() {
    }

    static String format(String fmt, long millis) {
        long days = Math.floorDiv(millis, 86_400_000L);
        long secs = Math.floorMod(millis, 86_400_000L) / 1000;
        // civil-from-days (proleptic Gregorian), day 0 = 1970-01-01
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) {
            y++;
        }
        int weekday = (int) Math.floorMod(days + 3, 7); // 1970-01-01 was a Thursday; 0 = Monday
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%' || i + 1 >= fmt.length()) {
                b.append(c);
                continue;
            }
            char f = fmt.charAt(++i);
            switch (f) {
                case 'Y': b.append(y); break;
                case 'y': pad(b, y % 100); break;
                case 'm': pad(b, m); break;
                case 'd': pad(b, d); break;
                case 'e': b.append(d < 10 ? " " : "").append(d); break;
                case 'B': b.append(MONTHS[(int) m - 1]); break;
                case 'b': case 'h': b.append(MONTHS[(int) m - 1], 0, 3); break;
                case 'A': b.append(DAYS[weekday]); break;
                case 'a': b.append(DAYS[weekday], 0, 3); break;
                case 'H': pad(b, secs / 3600); break;
                case 'M': pad(b, secs / 60 % 60); break;
                case 'S': pad(b, secs % 60); break;
                case '%': b.append('%'); break;
                default: b.append('%').append(f);
            }
        }
        return b.toString();
    }

    private static void pad(StringBuilder b, long v) {
        if (v < 10) {
            b.append('0');
        }
        b.append(v);
    }
}
