#include "PendingLogin.h"

#include "core/applications/ApplicationService.h"

#include <QJsonDocument>

namespace {

QJsonObject requestJson(const AuthorizeRequest &request)
{
    return {{QStringLiteral("client_id"), request.application.clientId},
            {QStringLiteral("redirect_uri"), request.redirectUri},
            {QStringLiteral("response_mode"), request.responseMode},
            {QStringLiteral("state"), request.state},
            {QStringLiteral("nonce"), request.nonce},
            {QStringLiteral("scope"), request.scope},
            {QStringLiteral("audience"), request.audience},
            {QStringLiteral("prompt"), request.prompt},
            {QStringLiteral("code_challenge"), request.codeChallenge},
            {QStringLiteral("language"), request.language}};
}

} // namespace

QByteArray PendingLogin::toJson() const
{
    const QJsonObject object {
        {QStringLiteral("request"), requestJson(request)},
        {QStringLiteral("csrf"), csrf},
        {QStringLiteral("browser_key_hash"), QString::fromLatin1(browserKeyHash.toHex())},
        {QStringLiteral("session_hash"), QString::fromLatin1(sessionHash.toHex())},
        {QStringLiteral("email"), email},
        {QStringLiteral("phone"), phone},
        {QStringLiteral("region"), region},
        {QStringLiteral("transaction"), transaction}};
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

Result<PendingLogin> PendingLogin::fromJson(const QString &id,
                                            int version,
                                            const QByteArray &json,
                                            const ApplicationService &applications)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    const QJsonObject request = object.value(QLatin1String("request")).toObject();
    PendingLogin login;
    login.id = id;
    login.version = version;
    login.csrf = object.value(QLatin1String("csrf")).toString();
    login.browserKeyHash
        = QByteArray::fromHex(object.value(QLatin1String("browser_key_hash")).toString().toLatin1());
    if (login.csrf.isEmpty() || login.browserKeyHash.isEmpty())
        return Error(Error::Kind::Invalid, QStringLiteral("The saved login is not one Authdeck wrote"));
    auto application = applications.find(request.value(QLatin1String("client_id")).toString());
    if (!application)
        return Error(Error::Kind::NotFound, QStringLiteral("The application of this login no longer exists"));
    login.request.application = application.value();
    login.request.redirectUri = request.value(QLatin1String("redirect_uri")).toString();
    login.request.responseMode = request.value(QLatin1String("response_mode")).toString();
    login.request.state = request.value(QLatin1String("state")).toString();
    login.request.nonce = request.value(QLatin1String("nonce")).toString();
    login.request.scope = request.value(QLatin1String("scope")).toString();
    login.request.audience = request.value(QLatin1String("audience")).toString();
    login.request.prompt = request.value(QLatin1String("prompt")).toString();
    login.request.codeChallenge = request.value(QLatin1String("code_challenge")).toString();
    login.request.language = request.value(QLatin1String("language")).toString();
    login.sessionHash
        = QByteArray::fromHex(object.value(QLatin1String("session_hash")).toString().toLatin1());
    login.email = object.value(QLatin1String("email")).toString();
    login.phone = object.value(QLatin1String("phone")).toString();
    login.region = object.value(QLatin1String("region")).toString();
    login.transaction = object.value(QLatin1String("transaction")).toObject();
    return login;
}
