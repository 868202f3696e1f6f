#include "AuthorizeRequest.h"

#include "core/applications/ApplicationService.h"
#include "core/applications/UrlRules.h"
#include "core/server/ServerRequest.h"

#include <QRegularExpression>

QString AuthorizeRequest::targetOrigin() const
{
    return UrlRules::originOf(redirectUri);
}

bool AuthorizeRequest::wantsRefreshToken() const
{
    return scope.split(QLatin1Char(' ')).contains(QLatin1String("offline_access"))
        && application.grantTypes.contains(QLatin1String("refresh_token"));
}

AuthorizeCheck &AuthorizeCheck::fail(const QString &error, const QString &description, bool redirectable)
{
    m_error = error;
    m_description = description;
    m_redirectable = redirectable;
    return *this;
}

AuthorizeCheck AuthorizeCheck::run(const ServerRequest &request, const ApplicationService &applications)
{
    AuthorizeCheck check;
    AuthorizeRequest &out = check.m_request;
    const QString clientId = request.param(QStringLiteral("client_id"));
    if (clientId.isEmpty())
        return check.fail(QStringLiteral("invalid_request"),
                          QStringLiteral("Missing required parameter: client_id"),
                          false);
    auto application = applications.find(clientId);
    if (!application)
        return check.fail(
            QStringLiteral("invalid_request"), QStringLiteral("Unknown client: %1").arg(clientId), false);
    out.application = application.value();

    out.redirectUri = request.param(QStringLiteral("redirect_uri"));
    if (out.redirectUri.isEmpty())
        return check.fail(QStringLiteral("invalid_request"),
                          QStringLiteral("Missing required parameter: redirect_uri"),
                          false);
    if (!UrlRules::allows(out.application.callbacks, out.redirectUri))
        return check.fail(
            QStringLiteral("invalid_request"),
            QStringLiteral("Callback URL mismatch. %1 is not in the list of allowed callback URLs "
                           "of the application %2.")
                .arg(out.redirectUri, out.application.name),
            false);

    out.responseMode = request.param(QStringLiteral("response_mode"));
    if (out.responseMode.isEmpty())
        out.responseMode = QStringLiteral("query");
    if (out.responseMode != QLatin1String("query") && out.responseMode != QLatin1String("web_message"))
        return check.fail(QStringLiteral("invalid_request"),
                          QStringLiteral("Unsupported response_mode: %1").arg(out.responseMode),
                          false);
    if (out.responseMode == QLatin1String("web_message")
        && !UrlRules::allows(out.application.webOrigins, out.targetOrigin()))
        return check.fail(QStringLiteral("invalid_request"),
                          QStringLiteral("The origin %1 is not in the list of allowed web origins of the "
                                         "application %2.")
                              .arg(out.targetOrigin(), out.application.name),
                          false);

    // From here on the application is known and its callback allowed: errors go back to it.
    out.state = request.param(QStringLiteral("state"));
    out.nonce = request.param(QStringLiteral("nonce"));
    out.audience = request.param(QStringLiteral("audience"));
    out.prompt = request.param(QStringLiteral("prompt"));
    QStringList scopes = request.param(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (!scopes.contains(QLatin1String("openid")))
        scopes.prepend(QStringLiteral("openid"));
    scopes.removeDuplicates();
    out.scope = scopes.join(QLatin1Char(' '));
    const QString language = request.param(QStringLiteral("ui_locales")).section(QLatin1Char(' '), 0, 0);
    if (!language.isEmpty())
        out.language = language;

    if (request.param(QStringLiteral("response_type")) != QLatin1String("code"))
        return check.fail(QStringLiteral("unsupported_response_type"),
                          QStringLiteral("Unsupported response type: %1 (only code is supported)")
                              .arg(request.param(QStringLiteral("response_type"))),
                          true);
    if (!out.application.grantTypes.contains(QLatin1String("authorization_code")))
        return check.fail(QStringLiteral("unauthorized_client"),
                          QStringLiteral("Grant type 'authorization_code' not allowed for the client."),
                          true);
    if (!out.prompt.isEmpty() && out.prompt != QLatin1String("none") && out.prompt != QLatin1String("login")
        && out.prompt != QLatin1String("consent") && out.prompt != QLatin1String("select_account"))
        return check.fail(QStringLiteral("invalid_request"),
                          QStringLiteral("Unsupported prompt: %1").arg(out.prompt),
                          true);

    out.codeChallenge = request.param(QStringLiteral("code_challenge"));
    const QString method = request.param(QStringLiteral("code_challenge_method"));
    const bool publicClient = out.application.type == ApplicationType::SinglePage
        || out.application.type == ApplicationType::Native;
    static const QRegularExpression challengeShape(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    if (out.codeChallenge.isEmpty() && publicClient)
        return check.fail(
            QStringLiteral("invalid_request"),
            QStringLiteral("Parameter 'code_challenge' is required for this application (PKCE)"),
            true);
    if (!out.codeChallenge.isEmpty() && method != QLatin1String("S256"))
        return check.fail(
            QStringLiteral("invalid_request"),
            QStringLiteral("Unsupported code_challenge_method: '%1' (only S256 is supported)").arg(method),
            true);
    if (!out.codeChallenge.isEmpty() && !challengeShape.match(out.codeChallenge).hasMatch())
        return check.fail(QStringLiteral("invalid_request"),
                          QStringLiteral("Parameter 'code_challenge' must be a base64url SHA-256 digest"),
                          true);
    return check;
}
