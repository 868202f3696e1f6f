#pragma once

#include "ui/common/Shortcut.h"

#include <QList>
#include <QWidget>

class QAction;
class QKeyEvent;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QToolButton;

/**
 * @brief A find bar for a QPlainTextEdit (such as CodeEditor): every match highlighted, the current one
 * selected, "3 of 12" or "No results".
 *
 * Construction installs the keys on the editor: Ctrl+F opens the bar with the selected text, F3 and
 * Shift+F3 go to the next and previous match, Esc closes the bar. In the bar's field Enter goes to the
 * next match and Shift+Enter to the previous one; both wrap around. The bar starts hidden; lay it out
 * next to the editor.
 */
class FindBar : public QWidget
{
    Q_OBJECT

public:
    /// A find bar for @p editor, which must outlive it (or go with it, when their parent is destroyed).
    explicit FindBar(QPlainTextEdit *editor, QWidget *parent = nullptr);

    /// Shows the bar and focuses its field, filled with the editor's selected text if it is on one line.
    void open();
    /// Hides the bar, removes the highlights and gives the focus back to the editor.
    void dismiss();

    /// The keys the bar installs on its editor and field, as actionFor() matches them.
    static QList<Shortcut> shortcuts();

    QString searchText() const;
    /// Searches for @p text and selects the first match at or after the cursor.
    void setSearchText(const QString &text);
    bool isCaseSensitive() const;
    void setCaseSensitive(bool caseSensitive);

    /// The number of matches.
    int matchCount() const { return static_cast<int>(m_matches.size()); }
    /// The 0-based index of the selected match, or -1 when none is.
    int currentMatch() const { return m_current; }
    /// What the count label shows: "3 of 12", "12 results", "No results", or nothing for an empty search.
    QString statusText() const;

    /// Selects the next match, after the last one the first.
    void findNext();
    /// Selects the previous match, before the first one the last.
    void findPrevious();

Q_SIGNALS:
    /// The matches or the selected one changed.
    void matchesChanged(int current, int count);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Match
    {
        int start;
        int length;
    };

    /// Finds every match again; @p select moves the editor's selection to the one at or after the cursor.
    void search(bool select);
    /// The index of the first match that starts at or after @p position, or -1.
    int firstMatchFrom(int position) const;
    void selectMatch(int index);
    void showMatches();
    /// Icons and the buttons' checked and disabled looks, from Theme.
    void updateLook();
    /// What @p key does when pressed in the editor or, with @p inField, in the bar's field.
    enum class KeyAction
    {
        None,
        Open,
        Next,
        Previous,
        Close
    };
    KeyAction actionFor(const QKeyEvent *key, bool inField) const;

    QPlainTextEdit *m_editor;
    QLineEdit *m_field;
    QAction *m_searchIcon;
    QLabel *m_status;
    QToolButton *m_caseSensitive;
    QToolButton *m_previous;
    QToolButton *m_next;
    QToolButton *m_close;
    QList<Match> m_matches;
    int m_current = -1;
};
