#pragma once

#include <QJsonObject>
#include <QString>

/**
 * @brief The parts of an Auth0 action event that every trigger shares, built in one place so that the
 *        Login flow, the Send Phone Message flow and a test send give actions the same shapes.
 */
namespace ActionEvent {

/// event.client: {client_id, name, metadata}; empty when @p clientId is (the event then leaves it out).
QJsonObject client(const QString &clientId, const QString &clientName);

/// event.request: {ip, language, user_agent, hostname, method}, as a login from this machine has them.
QJsonObject request(const QString &ip, const QString &language, const QString &userAgent);

/// event.user of send-phone-message: {user_id, email, name, phone_number}; empty fields are left out.
QJsonObject phoneUser(const QString &userId, const QString &email, const QString &name, const QString &phone);

} // namespace ActionEvent
