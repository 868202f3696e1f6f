#pragma once

#include "core/common/TextDiff.h"

#include <QWidget>

class CodeEditor;
class DiffTextView;
class QLabel;

/**
 * @brief A unified line diff of two texts (a saved version and the draft, say): a header with both titles
 * and the summary "+5 −2", and the lines below with both line numbers, added lines on green and removed
 * ones on red. Equal texts show in full, with "No differences".
 */
class DiffView : public QWidget
{
    Q_OBJECT

public:
    explicit DiffView(QWidget *parent = nullptr);

    /// Names the two sides, e.g. "Version 3" and "Draft".
    void setTitles(const QString &before, const QString &after);
    /// Compares @p before with @p after and shows the result.
    void setTexts(const QString &before, const QString &after);

    QList<DiffLine> diff() const;
    TextDiff::Counts counts() const { return m_counts; }
    /// "+5 −2", or "No differences".
    QString summaryText() const;

    /// Keeps @p lines unchanged lines around each change and folds the rest; -1 shows every line.
    void setContextLines(int lines);

    /// The read-only view of the lines, e.g. for a FindBar or a syntax highlighter.
    CodeEditor *textView() const;

private:
    void updateSummary();

    QLabel *m_beforeTitle;
    QLabel *m_afterTitle;
    QLabel *m_summary;
    DiffTextView *m_text;
    TextDiff::Counts m_counts;
};
