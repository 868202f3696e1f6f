#pragma once

#include "core/common/TextDiff.h"
#include "ui/editor/CodeEditor.h"

/**
 * @brief The body of a DiffView: the lines of a unified diff, read-only, with both line numbers and a
 * +/− sign in the gutter, added lines on green and removed ones on red.
 *
 * Long stretches of unchanged lines fold into one "⋯ N unchanged lines" row, leaving contextLines()
 * lines of context around each change.
 */
class DiffTextView : public CodeEditor
{
    Q_OBJECT

public:
    /// One row shown: a line of the diff, or a fold of unchanged lines.
    struct Row
    {
        int diffIndex; ///< index into diff(), or -1 for a fold
        int folded; ///< how many unchanged lines a fold stands for; 0 for a line
    };

    explicit DiffTextView(QWidget *parent = nullptr);

    /// Shows @p diff, folding unchanged stretches unless there is no change at all.
    void setDiff(const QList<DiffLine> &diff);
    const QList<DiffLine> &diff() const { return m_diff; }
    /// The rows shown, one per line of document().
    const QList<Row> &rows() const { return m_rows; }

    int contextLines() const { return m_contextLines; }
    /// Keeps @p lines unchanged lines around each change; -1 shows every line.
    void setContextLines(int lines);

    int lineNumberAreaWidth() const override;

protected:
    void paintGutterLine(QPainter &painter, const QTextBlock &block, const QRect &rect) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void rebuild();
    /// The tint behind @p row (stronger in the @p gutter); invalid for an unchanged line.
    QColor rowColor(const Row &row, bool gutter) const;
    int numberWidth(int number) const;

    QList<DiffLine> m_diff;
    QList<Row> m_rows;
    int m_contextLines = 3;
    int m_maxOldLine = 0;
    int m_maxNewLine = 0;
};
