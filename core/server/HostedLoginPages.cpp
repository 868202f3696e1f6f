// HostedLogin: rendering the hosted pages from their templates (resources/login/).

#include "HostedLogin.h"
#include "core/login/LoginEngine.h"
#include "core/login/UserStore.h"
#include "core/phone/PhoneNumber.h"
#include "core/server/PageTemplate.h"
#include "core/settings/TenantSettings.h"

#include <QLocale>
#include <QVariantList>

#include <algorithm>

namespace {

struct Country
{
    QString code;
    QString name;
    int callingCode;
};

/// Every region libphonenumber knows, by name, as the enrollment page's picker lists them.
const QList<Country> &countries()
{
    static const QList<Country> all = [] {
        QList<Country> list;
        for (const PhoneNumber::Region &region : PhoneNumber::regions()) {
            const QLocale::Territory territory = QLocale::codeToTerritory(region.code);
            const QString name
                = territory == QLocale::AnyTerritory ? region.code : QLocale::territoryToString(territory);
            list.append({region.code, name, region.callingCode});
        }
        std::sort(list.begin(), list.end(), [](const Country &a, const Country &b) {
            return QString::localeAwareCompare(a.name, b.name) < 0;
        });
        return list;
    }();
    return all;
}

QVariantList countryOptions(const QString &selected)
{
    QVariantList options;
    for (const Country &country : countries())
        options.append(QVariantMap {{QStringLiteral("code"), country.code},
                                    {QStringLiteral("name"), country.name},
                                    {QStringLiteral("callingCode"), QString::number(country.callingCode)},
                                    {QStringLiteral("selected"), country.code == selected}});
    return options;
}

} // namespace

ServerReply HostedLogin::renderPage(const QString &id, const Pending &pending, const QString &path) const
{
    const LoginTransaction &transaction = *pending.transaction;
    const QString action = path + QStringLiteral("?state=") + id;
    QVariantMap values {{QStringLiteral("action"), action},
                        {QStringLiteral("csrf"), pending.csrf},
                        {QStringLiteral("error"), transaction.error()},
                        {QStringLiteral("tenantName"), m_settings.friendlyName()},
                        {QStringLiteral("applicationName"), pending.request.application.name}};
    QString name;
    QString title;
    switch (transaction.state()) {
    case LoginTransaction::State::SignUp:
        name = QStringLiteral("signup");
        title = tr("Sign up");
        values.insert(QStringLiteral("email"), pending.email);
        values.insert(QStringLiteral("loginUrl"), QString(QStringLiteral("/u/login?state=") + id));
        break;
    case LoginTransaction::State::Enroll:
        name = QStringLiteral("mfa-phone-enrollment");
        title = tr("Secure Your Account");
        values.insert(QStringLiteral("phone"), pending.phone);
        values.insert(QStringLiteral("countries"), countryOptions(pending.region));
        break;
    case LoginTransaction::State::Challenge: {
        name = QStringLiteral("mfa-sms-challenge");
        title = tr("Verify Your Identity");
        const int wait = transaction.resendCooldownSecs();
        values.insert(QStringLiteral("maskedPhone"), transaction.maskedPhone());
        values.insert(QStringLiteral("resendSeconds"), QString::number(wait));
        values.insert(QStringLiteral("resendWaiting"), wait > 0);
        break;
    }
    default:
        name = QStringLiteral("login");
        title = tr("Log in");
        values.insert(QStringLiteral("email"), pending.email);
        if (m_engine.users().signUpsEnabled())
            values.insert(QStringLiteral("signupUrl"), QString(QStringLiteral("/u/signup?state=") + id));
        break;
    }
    auto body = PageTemplate::load(name);
    auto layout = PageTemplate::load(QStringLiteral("layout"));
    if (!body)
        return ServerReply::error(500, QStringLiteral("server_error"), body.error().message());
    if (!layout)
        return ServerReply::error(500, QStringLiteral("server_error"), layout.error().message());
    values.insert(QStringLiteral("title"), title);
    values.insert(QStringLiteral("body"), body.value().render(values));
    // A form's answer may be the redirect back to the application: its origin is a form target too.
    return ServerReply::page(layout.value().render(values), 200, {pending.request.targetOrigin()});
}
