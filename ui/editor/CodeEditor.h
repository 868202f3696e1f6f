#pragma once

#include "ui/editor/Diagnostic.h"

#include <QList>
#include <QPlainTextEdit>
#include <QTextEdit>

class LineNumberArea;
class QPainter;

/**
 * @brief A plain-text editor for scripts: monospace, line numbers, current-line highlight, two-space
 * indentation and diagnostics shown on their lines.
 *
 * Tab inserts two spaces (or indents the selected lines; Shift+Tab outdents them). Enter keeps the
 * indentation of the line and adds a level after an opening bracket; a closing bracket typed at the start
 * of a line removes one. setDiagnostics() underlines each problem's line with a red wave and marks it in
 * the line-number gutter; hovering either shows the message. Syntax colours come from a
 * QSyntaxHighlighter on document(), such as JavaScriptHighlighter. Colours follow the palette and Theme,
 * in the light and the dark look.
 */
class CodeEditor : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit CodeEditor(QWidget *parent = nullptr);

    /// Replaces the problems shown; lines outside the text are kept but not shown. Emits
    /// diagnosticsChanged().
    void setDiagnostics(const QList<Diagnostic> &diagnostics);
    /// Removes every problem shown.
    void clearDiagnostics();
    QList<Diagnostic> diagnostics() const { return m_diagnostics; }
    /// The messages of the problems on @p line (1-based), one a line; empty when there are none.
    QString diagnosticMessage(int line) const;

    /// Moves the cursor to @p line and @p column (1-based, clamped to the text), shows it and focuses.
    void goToLine(int line, int column = 1);
    /// The 1-based line of the cursor.
    int cursorLine() const;
    /// The 1-based column of the cursor.
    int cursorColumn() const;

    /// The width of the gutter: it grows with the number of digits of the last line number.
    virtual int lineNumberAreaWidth() const;

    /// Shows @p selections (search matches, from FindBar) on top of the editor's own highlights.
    void setSearchSelections(const QList<QTextEdit::ExtraSelection> &selections);

Q_SIGNALS:
    /// The problems shown changed; @p count of them.
    void diagnosticsChanged(int count);

protected:
    /// Paints the gutter of the line @p block in @p rect (gutter coordinates).
    virtual void paintGutterLine(QPainter &painter, const QTextBlock &block, const QRect &rect);
    /// Rebuilds the extra selections: current line, problems, search matches.
    void updateExtraSelections();
    /// Resizes the gutter to lineNumberAreaWidth().
    void updateLineNumberAreaWidth();

    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool viewportEvent(QEvent *event) override;

private:
    friend class LineNumberArea;

    void paintLineNumberArea(QPaintEvent *event);
    /// The 1-based line shown at @p y (viewport coordinates), or 0 below the last line.
    int lineAt(int y) const;
    void updateLineNumberArea(const QRect &rect, int dy);
    void applyFontMetrics();

    void insertNewLine();
    void indentLines(bool outdent);
    bool outdentBeforeClosingBracket(const QString &typed);

    LineNumberArea *m_lineNumberArea;
    QList<Diagnostic> m_diagnostics;
    QList<QTextEdit::ExtraSelection> m_searchSelections;
};
