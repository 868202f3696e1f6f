#include "ConfirmationBox.h"

#include "ui/shell/Theme.h"

#include <QAbstractButton>
#include <QDialogButtonBox>
#include <QEvent>
#include <QGuiApplication>
#include <QStyle>

ConfirmationBox::ConfirmationBox(Tone tone, const QString &title, const QString &text, QWidget *parent)
    : QMessageBox(QMessageBox::NoIcon, title, text, QMessageBox::NoButton, parent)
    , m_tone(tone)
{
    updateIcon();
}

void ConfirmationBox::updateIcon()
{
    const QString name = m_tone == Tone::Question ? QStringLiteral("info") : QStringLiteral("alert");
    const QString token = m_tone == Tone::Question ? QStringLiteral("accent")
        : m_tone == Tone::Warning                  ? QStringLiteral("warning")
                                                   : QStringLiteral("danger");
    const int size = style()->pixelMetric(QStyle::PM_MessageBoxIconSize, nullptr, this);
    setIconPixmap(Theme::instance().icon(name, token).pixmap(QSize(size, size), qApp->devicePixelRatio()));
}

void ConfirmationBox::useFlatButtons(QDialogButtonBox *buttons)
{
    const QList<QAbstractButton *> all = buttons->buttons();
    for (QAbstractButton *button : all) {
        if (buttons->standardButton(button) != QDialogButtonBox::NoButton)
            button->setIcon(QIcon());
    }
}

void ConfirmationBox::showEvent(QShowEvent *event)
{
    // Buttons may be added up to the moment the box shows; each standard one got the stock icon then.
    if (auto *box = findChild<QDialogButtonBox *>())
        useFlatButtons(box);
    QMessageBox::showEvent(event);
}

void ConfirmationBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::StyleChange)
        updateIcon();
    QMessageBox::changeEvent(event);
}
