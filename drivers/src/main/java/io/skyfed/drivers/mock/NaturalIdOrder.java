package io.skyfed.drivers.mock;

import java.util.Comparator;

/** Orders ids like inst2 before inst10: by the text before the trailing digits, then by their number. */
final class NaturalIdOrder implements Comparator<String> {

    static final NaturalIdOrder INSTANCE = new NaturalIdOrder();

    private NaturalIdOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int sa = digitsStart(a);
        int sb = digitsStart(b);
        int prefix = a.substring(0, sa).compareTo(b.substring(0, sb));
        if (prefix != 0) {
            return prefix;
        }
        int byLength = Integer.compare(a.length() - sa, b.length() - sb);
        return byLength != 0 ? byLength : a.substring(sa).compareTo(b.substring(sb));
    }

    private static int digitsStart(String s) {
        int i = s.length();
        while (i > 0 && Character.isDigit(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
