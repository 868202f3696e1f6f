#include "FindBar.h"

#include "ui/common/Form.h"
#include "ui/editor/CodeEditor.h"
#include "ui/shell/Theme.h"

#include <QAction>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QTextDocument>
#include <QToolButton>

#include <algorithm>

namespace {

QToolButton *toolButton(const QString &text, const QString &name, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setObjectName(name);
    button->setAccessibleName(tip);
    button->setToolTip(tip);
    button->setAutoRaise(true);
    button->setFocusPolicy(Qt::TabFocus);
    return button;
}

} // namespace

FindBar::FindBar(QPlainTextEdit *editor, QWidget *parent)
    : QWidget(parent)
    , m_editor(editor)
    , m_field(new QLineEdit(this))
    , m_searchIcon(m_field->addAction(QIcon(), QLineEdit::LeadingPosition))
    , m_status(new QLabel(this))
    , m_caseSensitive(
          toolButton(QStringLiteral("Aa"), QStringLiteral("findCaseSensitive"), tr("Match case"), this))
    , m_previous(toolButton(
          QStringLiteral("\u2191"), QStringLiteral("findPrevious"), tr("Previous match (Shift+Enter)"), this))
    , m_next(toolButton(QStringLiteral("\u2193"), QStringLiteral("findNext"), tr("Next match (Enter)"), this))
    , m_close(toolButton(QString(), QStringLiteral("findClose"), tr("Close find bar (Esc)"), this))
{
    setAccessibleName(tr("Find"));
    m_field->setObjectName(QStringLiteral("findField"));
    m_field->setAccessibleName(tr("Find text"));
    m_field->setPlaceholderText(tr("Find"));
    m_status->setObjectName(QStringLiteral("findStatus"));
    m_status->setProperty("role", QStringLiteral("muted"));
    m_status->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_status->setMinimumWidth(m_status->fontMetrics().horizontalAdvance(tr("No results")) + 8);
    m_caseSensitive->setCheckable(true);
    m_close->setAccessibleName(tr("Close find bar"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_field, 1);
    layout->addSpacing(4);
    layout->addWidget(m_status);
    layout->addSpacing(4);
    layout->addWidget(m_caseSensitive);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_close);

    connect(m_field, &QLineEdit::textChanged, this, [this] { search(true); });
    connect(m_caseSensitive, &QToolButton::toggled, this, [this] { search(true); });
    connect(m_previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(m_next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(m_close, &QToolButton::clicked, this, &FindBar::dismiss);
    connect(m_editor->document(), &QTextDocument::contentsChanged, this, [this] {
        if (isVisible())
            search(false);
    });
    connect(&Theme::instance(), &Theme::changed, this, [this] {
        updateLook();
        if (isVisible())
            showMatches();
    });
    m_editor->installEventFilter(this);
    m_field->installEventFilter(this);
    updateLook();
    hide();
}

void FindBar::open()
{
    const QString selected = m_editor->textCursor().selectedText();
    if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator)) {
        const QSignalBlocker blocker(m_field);
        m_field->setText(selected);
    }
    show();
    m_field->setFocus(Qt::ShortcutFocusReason);
    m_field->selectAll();
    search(true);
}

void FindBar::dismiss()
{
    hide();
    m_matches.clear();
    m_current = -1;
    showMatches();
    m_editor->setFocus(Qt::OtherFocusReason);
}

QString FindBar::searchText() const
{
    return m_field->text();
}

void FindBar::setSearchText(const QString &text)
{
    m_field->setText(text);
}

bool FindBar::isCaseSensitive() const
{
    return m_caseSensitive->isChecked();
}

void FindBar::setCaseSensitive(bool caseSensitive)
{
    m_caseSensitive->setChecked(caseSensitive);
}

QString FindBar::statusText() const
{
    if (m_field->text().isEmpty())
        return {};
    if (m_matches.isEmpty())
        return tr("No results");
    if (m_current < 0)
        return matchCount() == 1 ? tr("1 result") : tr("%1 results").arg(matchCount());
    return tr("%1 of %2").arg(m_current + 1).arg(matchCount());
}

void FindBar::findNext()
{
    if (m_matches.isEmpty())
        return;
    int index = (m_current + 1) % matchCount();
    if (m_current < 0)
        index = qMax(firstMatchFrom(m_editor->textCursor().selectionEnd()), 0);
    selectMatch(index);
}

void FindBar::findPrevious()
{
    if (m_matches.isEmpty())
        return;
    int index = (m_current - 1 + matchCount()) % matchCount();
    if (m_current < 0) {
        const int before = m_editor->textCursor().selectionStart();
        const auto it = std::find_if(m_matches.crbegin(), m_matches.crend(), [before](const Match &match) {
            return match.start < before;
        });
        index = it == m_matches.crend() ? matchCount() - 1 : static_cast<int>(m_matches.crend() - it) - 1;
    }
    selectMatch(index);
}

bool FindBar::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched != m_editor && watched != m_field)
        || (event->type() != QEvent::KeyPress && event->type() != QEvent::ShortcutOverride))
        return QWidget::eventFilter(watched, event);
    const auto *key = static_cast<QKeyEvent *>(event);
    const KeyAction action = actionFor(key, watched == m_field);
    if (action == KeyAction::None)
        return QWidget::eventFilter(watched, event);
    // Claim the key before any shortcut of the window takes it; act on the key press that follows.
    event->accept();
    if (event->type() == QEvent::KeyPress) {
        switch (action) {
        case KeyAction::Open:
            open();
            break;
        case KeyAction::Next:
            findNext();
            break;
        case KeyAction::Previous:
            findPrevious();
            break;
        case KeyAction::Close:
            dismiss();
            break;
        case KeyAction::None:
            break;
        }
    }
    return true;
}

void FindBar::search(bool select)
{
    const QTextCursor editorCursor = m_editor->textCursor();
    m_matches.clear();
    m_current = -1;
    const QString needle = m_field->text();
    if (!needle.isEmpty()) {
        const QTextDocument::FindFlags flags
            = isCaseSensitive() ? QTextDocument::FindCaseSensitively : QTextDocument::FindFlags();
        QTextCursor found(m_editor->document());
        while (!(found = m_editor->document()->find(needle, found, flags)).isNull())
            m_matches.append({found.selectionStart(), found.selectionEnd() - found.selectionStart()});
    }
    if (select) {
        // The first match at or after the cursor, else the first one.
        const int index = firstMatchFrom(editorCursor.selectionStart());
        if (!m_matches.isEmpty())
            selectMatch(qMax(index, 0));
        else
            showMatches();
        return;
    }
    // After an edit the match selected before, if it is still there.
    const auto it = std::find_if(m_matches.cbegin(), m_matches.cend(), [&editorCursor](const Match &match) {
        return match.start == editorCursor.selectionStart()
            && match.start + match.length == editorCursor.selectionEnd();
    });
    m_current = it == m_matches.cend() ? -1 : static_cast<int>(it - m_matches.cbegin());
    showMatches();
}

int FindBar::firstMatchFrom(int position) const
{
    const auto it = std::find_if(m_matches.cbegin(), m_matches.cend(), [position](const Match &match) {
        return match.start >= position;
    });
    return it == m_matches.cend() ? -1 : static_cast<int>(it - m_matches.cbegin());
}

void FindBar::selectMatch(int index)
{
    m_current = index;
    const Match &match = m_matches.at(index);
    QTextCursor cursor(m_editor->document());
    cursor.setPosition(match.start);
    cursor.setPosition(match.start + match.length, QTextCursor::KeepAnchor);
    m_editor->setTextCursor(cursor);
    m_editor->ensureCursorVisible();
    showMatches();
}

void FindBar::showMatches()
{
    const QPalette palette = m_editor->palette();
    QColor matchColor = palette.color(QPalette::Highlight);
    matchColor.setAlphaF(0.28f);
    QList<QTextEdit::ExtraSelection> selections;
    for (int i = 0; i < matchCount(); ++i) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_editor->document());
        selection.cursor.setPosition(m_matches.at(i).start);
        selection.cursor.setPosition(m_matches.at(i).start + m_matches.at(i).length, QTextCursor::KeepAnchor);
        if (i == m_current) {
            selection.format.setBackground(palette.color(QPalette::Highlight));
            selection.format.setForeground(palette.color(QPalette::HighlightedText));
        } else {
            selection.format.setBackground(matchColor);
        }
        selections.append(selection);
    }
    if (auto *codeEditor = qobject_cast<CodeEditor *>(m_editor))
        codeEditor->setSearchSelections(selections);
    else
        m_editor->setExtraSelections(selections);

    m_status->setText(statusText());
    m_field->setProperty("invalid", !m_field->text().isEmpty() && m_matches.isEmpty());
    Form::repolish(m_field);
    m_previous->setEnabled(!m_matches.isEmpty());
    m_next->setEnabled(!m_matches.isEmpty());
    Q_EMIT matchesChanged(m_current, matchCount());
}

void FindBar::updateLook()
{
    const Theme &theme = Theme::instance();
    m_searchIcon->setIcon(theme.icon(QStringLiteral("search")));
    m_close->setIcon(theme.icon(QStringLiteral("close")));
    // The application's style sheet gives tool buttons no checked and no disabled look.
    setStyleSheet(QStringLiteral("QToolButton:disabled { color: %1; }"
                                 "QToolButton:checked { background: %2; color: %3; border: 1px solid %4; }")
                      .arg(theme.color(QStringLiteral("muted")).name(),
                           theme.color(QStringLiteral("accentSoft")).name(),
                           theme.color(QStringLiteral("accentText")).name(),
                           theme.color(QStringLiteral("accent")).name()));
}

QList<Shortcut> FindBar::shortcuts()
{
    const QKeySequence enter(Qt::Key_Return);
    const QKeySequence shiftEnter(Qt::SHIFT | Qt::Key_Return);
    return {{tr("Find in the code"), QKeySequence::keyBindings(QKeySequence::Find)},
            {tr("Next match"), QKeySequence::keyBindings(QKeySequence::FindNext) << enter},
            {tr("Previous match"), QKeySequence::keyBindings(QKeySequence::FindPrevious) << shiftEnter},
            {tr("Close the find bar"), {QKeySequence(Qt::Key_Escape)}}};
}

FindBar::KeyAction FindBar::actionFor(const QKeyEvent *key, bool inField) const
{
    if (key->matches(QKeySequence::Find))
        return KeyAction::Open;
    if (!isVisible())
        return KeyAction::None;
    const Qt::KeyboardModifiers modifiers = key->modifiers() & ~Qt::KeypadModifier;
    if (key->key() == Qt::Key_Escape && modifiers == Qt::NoModifier)
        return KeyAction::Close;
    if (key->matches(QKeySequence::FindNext))
        return KeyAction::Next;
    if (key->matches(QKeySequence::FindPrevious))
        return KeyAction::Previous;
    if (inField && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter))
        return modifiers == Qt::ShiftModifier ? KeyAction::Previous : KeyAction::Next;
    return KeyAction::None;
}
