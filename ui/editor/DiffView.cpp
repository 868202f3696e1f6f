#include "DiffView.h"

#include "ui/editor/DiffTextView.h"
#include "ui/shell/Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

DiffView::DiffView(QWidget *parent)
    : QWidget(parent)
    , m_beforeTitle(new QLabel(this))
    , m_afterTitle(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_text(new DiffTextView(this))
{
    m_beforeTitle->setObjectName(QStringLiteral("diffBeforeTitle"));
    m_afterTitle->setObjectName(QStringLiteral("diffAfterTitle"));
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    m_text->setObjectName(QStringLiteral("diffText"));
    m_beforeTitle->setProperty("role", QStringLiteral("badge"));
    m_afterTitle->setProperty("role", QStringLiteral("badge"));
    m_summary->setTextFormat(Qt::RichText);

    auto *arrow = new QLabel(QStringLiteral("\u2192"), this);
    arrow->setProperty("role", QStringLiteral("muted"));
    arrow->setAccessibleName(tr("compared with"));

    auto *header = new QHBoxLayout;
    header->setSpacing(8);
    header->addWidget(m_beforeTitle);
    header->addWidget(arrow);
    header->addWidget(m_afterTitle);
    header->addStretch(1);
    header->addWidget(m_summary);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addLayout(header);
    layout->addWidget(m_text, 1);

    connect(&Theme::instance(), &Theme::changed, this, &DiffView::updateSummary);
    setTitles(tr("Before"), tr("After"));
    updateSummary();
}

void DiffView::setTitles(const QString &before, const QString &after)
{
    m_beforeTitle->setText(before);
    m_afterTitle->setText(after);
    setAccessibleName(tr("Changes from %1 to %2").arg(before, after));
}

void DiffView::setTexts(const QString &before, const QString &after)
{
    const QList<DiffLine> diff = TextDiff::lines(before, after);
    m_counts = TextDiff::counts(diff);
    m_text->setDiff(diff);
    updateSummary();
}

QList<DiffLine> DiffView::diff() const
{
    return m_text->diff();
}

QString DiffView::summaryText() const
{
    if (m_counts.isEmpty())
        return tr("No differences");
    return QStringLiteral("+%1 \u2212%2").arg(m_counts.added).arg(m_counts.removed);
}

void DiffView::setContextLines(int lines)
{
    m_text->setContextLines(lines);
}

CodeEditor *DiffView::textView() const
{
    return m_text;
}

void DiffView::updateSummary()
{
    m_summary->setAccessibleName(summaryText());
    if (m_counts.isEmpty()) {
        m_summary->setText(
            QStringLiteral("<span style=\"color:%1\">%2</span>")
                .arg(Theme::instance().color(QStringLiteral("muted")).name(), summaryText().toHtmlEscaped()));
        return;
    }
    const Theme &theme = Theme::instance();
    m_summary->setText(
        QStringLiteral(
            "<b><span style=\"color:%1\">+%2</span>&nbsp;&nbsp;<span style=\"color:%3\">\u2212%4</span></b>")
            .arg(theme.color(QStringLiteral("success")).name())
            .arg(m_counts.added)
            .arg(theme.color(QStringLiteral("danger")).name())
            .arg(m_counts.removed));
}
