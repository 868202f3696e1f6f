#pragma once

#include "core/common/Result.h"
#include "core/server/AuthorizeRequest.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class ApplicationService;

/**
 * @brief A hosted login between two of its pages: the /authorize request it answers, what binds it to its
 *        browser, what the form showed last, and its LoginTransaction at rest.
 *
 * Written to the tenant's database as JSON after each step, so that any login server of the tenant takes it
 * up: the browser's binding and the session it continues are kept only as hashes.
 */
struct PendingLogin
{
    QString id; ///< the state parameter of the pages
    int version = 0; ///< of its row (PendingLoginRepository)
    AuthorizeRequest request;
    QString csrf; ///< the form's token
    QByteArray browserKeyHash; ///< SHA-256 of the cookie value that binds the login to its browser
    QByteArray sessionHash; ///< SHA-256 of the session cookie this login continues; empty when none
    QString email; ///< what was last typed, to fill the form again
    QString phone;
    QString region = QStringLiteral("US");
    QJsonObject transaction; ///< LoginTransaction::saved()

    QByteArray toJson() const;
    /**
     * @brief The login of toJson()'s @p json, its application read again from @p applications (so that one
     *        removed meanwhile ends the login); an error when either is gone or malformed.
     */
    static Result<PendingLogin>
    fromJson(const QString &id, int version, const QByteArray &json, const ApplicationService &applications);
};
