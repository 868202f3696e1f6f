#include "StatusPill.h"

#include "shell/Theme.h"

StatusPill::StatusPill(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setAlignment(Qt::AlignCenter);
    connect(&Theme::instance(), &Theme::changed, this, &StatusPill::updateLook);
    updateLook();
}

void StatusPill::setStatus(const QString &text, Tone tone)
{
    setText(text);
    setAccessibleName(tr("Status: %1").arg(text));
    m_tone = tone;
    updateLook();
}

void StatusPill::updateLook()
{
    const Theme &theme = Theme::instance();
    QString foreground = QStringLiteral("muted");
    QString background = QStringLiteral("chip");
    if (m_tone == Tone::Success) {
        foreground = QStringLiteral("success");
        background = QStringLiteral("successSoft");
    } else if (m_tone == Tone::Warning) {
        foreground = QStringLiteral("warning");
        background = QStringLiteral("warningSoft");
    }
    // A softer outline than the text: the tone at a third of its strength.
    const QColor color = theme.color(foreground);
    setStyleSheet(
        QStringLiteral("QLabel { color: %1; background: %2; border: 1px solid rgba(%3, %4, %5, 90);"
                       " border-radius: 9px; padding: 2px 10px; font-size: 9pt; font-weight: 600; }")
            .arg(color.name(), theme.color(background).name())
            .arg(color.red())
            .arg(color.green())
            .arg(color.blue()));
}
