#include "PasswordPrompt.h"

#include "core/store/PostgresAddress.h"
#include "core/store/PostgresProbe.h"
#include "ui/tenantopen/TenantLocation.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLineEdit>

namespace PasswordPrompt {

bool wanted(const QString &message)
{
    // Not every refused login: another password does not help an unknown user or a pg_hba.conf refusal.
    return PostgresProbe::classify(message) == PostgresProbe::Outcome::PasswordNeeded
        || message.contains(QLatin1String("password authentication failed"), Qt::CaseInsensitive);
}

std::optional<QString> ask(const QString &location, const QString &reason, QWidget *parent)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("PasswordPrompt", text); };
    auto address = PostgresAddress::parse(location);
    const QString user = address ? address.value().user() : QString();
    QString text = tr("The password of %1 on %2:").arg(user, TenantLocation::describe(location));
    if (!reason.isEmpty())
        text = reason.trimmed() + QLatin1Char('\n') + text;
    QInputDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("tenantPasswordPrompt"));
    dialog.setWindowTitle(tr("Tenant Password"));
    dialog.setLabelText(text);
    dialog.setTextEchoMode(QLineEdit::Password);
    if (auto *field = dialog.findChild<QLineEdit *>())
        field->setAccessibleName(tr("Password"));
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.textValue();
}

} // namespace PasswordPrompt
