#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/**
 * @brief One line of a unified line diff: kept, added or removed, with its line number on each side.
 */
struct DiffLine
{
    enum class Kind
    {
        Same, ///< on both sides
        Added, ///< only in the new text
        Removed, ///< only in the old text
    };

    Kind kind;
    int oldLine; ///< 1-based line number in the old text; 0 for an added line
    int newLine; ///< 1-based line number in the new text; 0 for a removed line
    QString text; ///< the line, without its line break

    bool operator==(const DiffLine &other) const
    {
        return kind == other.kind && oldLine == other.oldLine && newLine == other.newLine
            && text == other.text;
    }
};

/**
 * @brief A line diff of two texts (Myers' O(ND) algorithm in linear space), pure and GUI-free.
 *
 * A text is split at '\n' into the lines an editor shows: "a\nb\n" has three lines, the last one empty,
 * so a diff's line numbers are the editor's. The empty text has no lines. The diff is minimal (it keeps
 * as many lines as possible), and inside each changed stretch the removed lines come before the added
 * ones, as in a unified diff. Two 2,000-line files diff in milliseconds.
 */
class TextDiff
{
public:
    /// How many lines a diff adds and removes.
    struct Counts
    {
        int added = 0;
        int removed = 0;

        bool isEmpty() const { return added == 0 && removed == 0; }
    };

    /**
     * @brief The unified diff turning @p before into @p after: every line of both, in order.
     *
     * The Same and Removed lines, in order, are the lines of @p before; the Same and Added lines are the
     * lines of @p after.
     */
    static QList<DiffLine> lines(const QString &before, const QString &after);

    /// The lines of @p text as TextDiff sees them: split at '\n'; none for the empty text.
    static QStringList splitLines(const QString &text);

    /// How many lines of @p diff are added and removed.
    static Counts counts(const QList<DiffLine> &diff);
};
