#include "UrlListEdit.h"

#include "ui/shell/Theme.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QStyle>
#include <QTextBlock>
#include <QVBoxLayout>

UrlListEdit::UrlListEdit(UrlRules::Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_editor(new QPlainTextEdit(this))
    , m_problems(new QLabel(this))
{
    setFocusProxy(m_editor); // focusing the list (as a refused Save does) puts the cursor in its text
    m_editor->setTabChangesFocus(true);
    m_editor->setFixedHeight(84);
    m_editor->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_problems->setProperty("role", QStringLiteral("error"));
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::PlainText);
    m_problems->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_editor);
    layout->addWidget(m_problems);

    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        revalidate();
        Q_EMIT edited();
    });
    connect(&Theme::instance(), &Theme::changed, this, &UrlListEdit::revalidate);
}

void UrlListEdit::setUrls(const QStringList &urls)
{
    const QSignalBlocker blocker(m_editor);
    m_editor->setPlainText(urls.join(QStringLiteral(",\n")));
    revalidate();
}

QStringList UrlListEdit::urls() const
{
    return UrlRules::split(m_editor->toPlainText());
}

void UrlListEdit::setAllowCustomScheme(bool allow)
{
    m_allowCustomScheme = allow;
    revalidate();
}

void UrlListEdit::setPlaceholderText(const QString &text)
{
    m_editor->setPlaceholderText(text);
}

void UrlListEdit::revalidate()
{
    m_issues = UrlRules::checkAll(urls(), m_kind, m_allowCustomScheme);

    // Where each entry stands in the text, in the order split() returns them.
    const QString text = m_editor->toPlainText();
    QList<QPair<int, int>> spans;
    static const QRegularExpression entry(QStringLiteral("[^,\\n\\r]+"));
    for (auto it = entry.globalMatch(text); it.hasNext();) {
        const auto match = it.next();
        const QString raw = match.captured();
        const QString trimmed = raw.trimmed();
        int lead = 0;
        while (lead < raw.size() && raw.at(lead).isSpace())
            ++lead;
        if (!trimmed.isEmpty())
            spans.append({int(match.capturedStart()) + lead, int(trimmed.size())});
    }

    QList<QTextEdit::ExtraSelection> marks;
    QStringList lines;
    for (const UrlRules::Issue &issue : std::as_const(m_issues)) {
        if (issue.index >= spans.size())
            continue;
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_editor->document());
        mark.cursor.setPosition(spans.at(issue.index).first);
        mark.cursor.setPosition(spans.at(issue.index).first + spans.at(issue.index).second,
                                QTextCursor::KeepAnchor);
        mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        mark.format.setUnderlineColor(Theme::instance().color(QStringLiteral("danger")));
        marks.append(mark);
    }
    for (const UrlRules::Issue &issue : std::as_const(m_issues))
        lines.append(tr("“%1”: %2").arg(issue.entry, issue.reason));
    m_editor->setExtraSelections(marks);

    m_problems->setText(lines.join(QLatin1Char('\n')));
    m_problems->setVisible(!lines.isEmpty());
    m_editor->setProperty("invalid", !lines.isEmpty());
    m_editor->style()->unpolish(m_editor);
    m_editor->style()->polish(m_editor);
    m_editor->setAccessibleDescription(lines.join(QLatin1Char(' ')));
}
