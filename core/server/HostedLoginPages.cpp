// HostedLogin: rendering the hosted pages from their templates (resources/login/), the error page, and the
// answer that sends the browser back to the application.

#include "HostedLogin.h"
#include "core/common/Random.h"
#include "core/login/LoginEngine.h"
#include "core/login/UserStore.h"
#include "core/phone/PhoneNumber.h"
#include "core/server/PageTemplate.h"
#include "core/settings/TenantSettings.h"

#include <QJsonDocument>
#include <QLocale>
#include <QUrl>
#include <QVariantList>

#include <algorithm>

namespace {

QString param(const QString &name, const QString &value)
{
    return name + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(value));
}

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

ServerReply HostedLogin::renderPage(const PendingLogin &pending,
                                    const LoginTransaction &transaction,
                                    const QString &path) const
{
    const QString &id = pending.id;
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

ServerReply HostedLogin::errorPage(int status, const QString &error, const QString &description) const
{
    auto body = PageTemplate::load(QStringLiteral("error"));
    auto layout = PageTemplate::load(QStringLiteral("layout"));
    if (!body || !layout)
        return ServerReply::error(status, error, description);
    const QVariantMap values {{QStringLiteral("errorCode"), error},
                              {QStringLiteral("errorDescription"), description},
                              {QStringLiteral("trackingId"), Random::alphanumeric(16)}};
    QVariantMap page {{QStringLiteral("title"), tr("Error")},
                      {QStringLiteral("tenantName"), m_settings.friendlyName()},
                      {QStringLiteral("body"), body.value().render(values)}};
    return ServerReply::page(layout.value().render(page), status);
}

ServerReply HostedLogin::toApplication(const AuthorizeRequest &request,
                                       const QList<QPair<QString, QString>> &fields) const
{
    QList<QPair<QString, QString>> all = fields;
    if (!request.state.isEmpty())
        all.append({QStringLiteral("state"), request.state});
    if (request.responseMode == QLatin1String("web_message")) {
        QJsonObject response;
        for (const auto &[name, value] : all)
            response.insert(name, value);
        const QJsonObject message {{QStringLiteral("type"), QStringLiteral("authorization_response")},
                                   {QStringLiteral("response"), response}};
        auto body = PageTemplate::load(QStringLiteral("web-message"));
        if (!body)
            return ServerReply::error(500, QStringLiteral("server_error"), body.error().message());
        const QVariantMap values {{QStringLiteral("responseJson"),
                                   QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact))},
                                  {QStringLiteral("targetOrigin"), request.targetOrigin()}};
        return ServerReply::page(body.value().render(values)).allowFramingBy(request.targetOrigin());
    }
    QStringList query;
    for (const auto &[name, value] : all)
        query.append(param(name, value));
    const QChar separator
        = request.redirectUri.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?');
    return ServerReply::redirect(request.redirectUri + separator + query.join(QLatin1Char('&')));
}
