#include "StatusPill.h"

#include "ui/common/Form.h"

StatusPill::StatusPill(QWidget *parent)
    : QLabel(parent)
{
    setTextFormat(Qt::PlainText);
    setAlignment(Qt::AlignCenter);
    setProperty("role", QStringLiteral("pill"));
}

void StatusPill::setStatus(const QString &text, Tone tone)
{
    setText(text);
    setAccessibleName(tr("Status: %1").arg(text));
    // The style sheet colours the pill by its tone (QLabel[role="pill"][tone=…]).
    setProperty("tone",
                tone == Tone::Success       ? QStringLiteral("success")
                    : tone == Tone::Warning ? QStringLiteral("warning")
                                            : QStringLiteral("neutral"));
    Form::repolish(this);
}
