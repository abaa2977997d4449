package io.skyfed.policy.spec;

/**
 * Maps a position inside a CEL expression onto the policy file. Works for plain, quoted and block scalars whose
 * lines appear verbatim in the file; otherwise (escapes, folded lines) it falls back to where the expression starts.
 */
public final class ExpressionLocator {

    private ExpressionLocator() {
    }

    /**
     * @param celLine   1-based line within the expression
     * @param celColumn 0-based column within that line
     */
    public static SourceLocation locate(String fileText, Expression expr, int celLine, int celColumn) {
        SourceLocation start = expr.at();
        String[] lines = expr.source().split("\n", -1);
        if (fileText == null || start.offset() < 0 || start.offset() > fileText.length() || celLine < 1
                || celLine > lines.length) {
            return start;
        }
        int from = (int) start.offset();
        int lineStart = -1;
        for (int i = 0; i < celLine; i++) {
            lineStart = fileText.indexOf(lines[i], from);
            if (lineStart < 0) {
                return start;
            }
            from = lineStart + lines[i].length();
        }
        int pos = lineStart + Math.max(0, Math.min(celColumn, lines[celLine - 1].length()));
        int line = 1;
        int lastNewline = -1;
        for (int i = 0; i < pos; i++) {
            if (fileText.charAt(i) == '\n') {
                line++;
                lastNewline = i;
            }
        }
        return new SourceLocation(line, pos - lastNewline, pos);
    }
}
