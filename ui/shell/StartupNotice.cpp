#include "StartupNotice.h"

#include "ui/common/ConfirmationBox.h"

namespace StartupNotice {

namespace {

void tell(ConfirmationBox::Tone tone,
          const QString &objectName,
          const QString &title,
          const QString &text,
          QWidget *parent)
{
    ConfirmationBox box(tone, title, text, parent);
    box.setObjectName(objectName);
    box.setDefaultButton(box.addButton(QMessageBox::Ok));
    box.exec();
}

} // namespace

void cannotStart(const QString &reason)
{
    tell(ConfirmationBox::Tone::Danger,
         QStringLiteral("cannotStartBox"),
         QObject::tr("Authdeck cannot start"),
         reason,
         nullptr);
}

void demoNotSeeded(QWidget *window, const QString &error)
{
    tell(ConfirmationBox::Tone::Warning,
         QStringLiteral("demoTenantBox"),
         QObject::tr("Demo tenant"),
         error,
         window);
}

void secretsRecovered(QWidget *window, const QStringList &notices, bool allRepaired)
{
    auto *box = new ConfirmationBox(
        allRepaired ? ConfirmationBox::Tone::Question : ConfirmationBox::Tone::Warning,
        QObject::tr("Secrets checked after an interruption"),
        QObject::tr("Authdeck stopped during a change of secrets last time. The keyring and the tenant were "
                    "compared:")
            + QStringLiteral("\n\n• ") + notices.join(QStringLiteral("\n• ")),
        window);
    box->setObjectName(QStringLiteral("secretRecoveryBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setDefaultButton(box->addButton(QMessageBox::Ok));
    box->open();
}

} // namespace StartupNotice
