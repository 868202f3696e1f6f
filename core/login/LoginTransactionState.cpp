// A login transaction at rest: what it writes to the tenant's database between two pages, and how another
// login server takes it up again. The steps themselves are in LoginTransaction.cpp and
// LoginTransactionCodes.cpp.

#include "core/login/LoginTransaction.h"

#include <QMetaEnum>

namespace {

QString stateName(LoginTransaction::State state)
{
    return QString::fromLatin1(QMetaEnum::fromType<LoginTransaction::State>().valueToKey(int(state)));
}

} // namespace

QJsonObject LoginTransaction::saved() const
{
    const QJsonObject context {{QStringLiteral("client_id"), m_context.clientId},
                               {QStringLiteral("client_name"), m_context.clientName},
                               {QStringLiteral("ip"), m_context.ip},
                               {QStringLiteral("user_agent"), m_context.userAgent},
                               {QStringLiteral("language"), m_context.language}};
    const QJsonObject loginFlow {{QStringLiteral("mfa_required"), m_loginFlow.mfaRequired},
                                 {QStringLiteral("id_token_claims"), m_loginFlow.idTokenClaims},
                                 {QStringLiteral("access_token_claims"), m_loginFlow.accessTokenClaims}};
    return {{QStringLiteral("context"), context},
            {QStringLiteral("state"), stateName(m_state)},
            {QStringLiteral("error"), m_error},
            {QStringLiteral("user_id"), m_user.id},
            {QStringLiteral("email"), m_user.email},
            {QStringLiteral("phone"), m_phone},
            {QStringLiteral("enrolling"), m_enrolling},
            {QStringLiteral("profile"), m_profile},
            {QStringLiteral("login_flow"), loginFlow}};
}

Result<std::unique_ptr<LoginTransaction>> LoginTransaction::restore(LoginEngine &engine,
                                                                    const QJsonObject &saved)
{
    bool known = false;
    const QByteArray name = saved.value(QLatin1String("state")).toString().toLatin1();
    const int state = QMetaEnum::fromType<State>().keyToValue(name.constData(), &known);
    const QJsonObject context = saved.value(QLatin1String("context")).toObject();
    if (!known || context.value(QLatin1String("client_id")).toString().isEmpty())
        return Error(Error::Kind::Invalid, tr("The saved login is not one Authdeck wrote"));

    LoginContext from {context.value(QLatin1String("client_id")).toString(),
                       context.value(QLatin1String("client_name")).toString(),
                       context.value(QLatin1String("ip")).toString(),
                       context.value(QLatin1String("user_agent")).toString(),
                       context.value(QLatin1String("language")).toString()};
    auto transaction = std::make_unique<LoginTransaction>(engine, std::move(from));
    transaction->m_timeline.clear(); // the page was shown by whoever started the login
    transaction->m_state = State(state);
    transaction->m_error = saved.value(QLatin1String("error")).toString();
    const QString userId = saved.value(QLatin1String("user_id")).toString();
    if (!userId.isEmpty()) {
        auto user = engine.users().find(userId);
        transaction->m_user = user ? user.value() : User {};
        transaction->m_user.id = userId;
        transaction->m_user.email = saved.value(QLatin1String("email")).toString();
        // A user removed or blocked between two pages does not get further.
        const bool open = transaction->m_state != State::Done && transaction->m_state != State::Failed;
        if (open && (!user || user.value().blocked)) {
            transaction->m_state = State::Failed;
            transaction->m_error
                = user ? tr("user is blocked") : tr("The user of this login no longer exists");
        }
    }
    transaction->m_phone = saved.value(QLatin1String("phone")).toString();
    transaction->m_enrolling = saved.value(QLatin1String("enrolling")).toBool();
    transaction->m_profile = saved.value(QLatin1String("profile")).toObject();
    const QJsonObject loginFlow = saved.value(QLatin1String("login_flow")).toObject();
    transaction->m_loginFlow.mfaRequired = loginFlow.value(QLatin1String("mfa_required")).toBool();
    transaction->m_loginFlow.idTokenClaims = loginFlow.value(QLatin1String("id_token_claims")).toObject();
    transaction->m_loginFlow.accessTokenClaims
        = loginFlow.value(QLatin1String("access_token_claims")).toObject();
    return transaction;
}
