#pragma once

#include "core/delivery/AccountCheck.h"
#include "core/plivo/PlivoTypes.h"

#include <QObject>

#include <functional>

class DeliveryTracker;
class IntegrationService;
class PlivoCall;
class PlivoClient;
class PlivoSandbox;
class QNetworkAccessManager;
class SmsMessageRepository;
class SmsSend;
struct Integration;

/**
 * @brief Where SMS leave the tenant: Plivo's REST API, or the local Plivo sandbox (the test phone).
 *
 * Owns the one QNetworkAccessManager of the tenant, a Plivo client for the real API and one for the
 * sandbox, a delivery tracker for each, and the sandbox itself (started by the application).
 */
class SmsGateway : public QObject
{
    Q_OBJECT

public:
    /// @param record where sends and their delivery states are recorded; not owned
    SmsGateway(IntegrationService &integrations, SmsMessageRepository &record, QObject *parent = nullptr);
    ~SmsGateway() override;

    PlivoSandbox &sandbox() { return *m_sandbox; }
    /// Starts the local test phone on @p port (0: any free port); false with sandbox().errorString().
    bool startSandbox(quint16 port = 0);

    /// The client for Plivo's API (@p useSandbox false) or for the local sandbox.
    PlivoClient &client(bool useSandbox);
    DeliveryTracker &tracker(bool useSandbox);

    /**
     * @brief Checks a Plivo account against the account endpoint; with @p useSandbox, the sandbox's.
     *
     * The credentials are @p typed; a field left empty is filled with installed integration
     * @p integrationId's stored secret, read here (empty @p integrationId: both must be typed).
     */
    AccountCheck *testConnection(const QString &integrationId, const PlivoOverrides &typed, bool useSandbox);
    /// Lists the account's SMS-enabled numbers, with credentials found as testConnection() finds them.
    AccountCheck *listNumbers(const QString &integrationId, const PlivoOverrides &typed, bool useSandbox);

    /**
     * @brief Sends @p text to @p to through installed @p integration and follows its delivery.
     * @param source recorded with the message, e.g. "integration-test"
     */
    SmsSend *
    send(const Integration &integration, const QString &to, const QString &text, const QString &source);

private:
    /// Completes @p typed from integration @p integrationId's stored secrets, then calls @p start.
    AccountCheck *
    checkAccount(PlivoResult::Operation operation,
                 const QString &integrationId,
                 const PlivoOverrides &typed,
                 bool useSandbox,
                 const std::function<PlivoCall *(PlivoClient &, const PlivoCredentials &)> &start);
    void sendWith(SmsSend *job,
                  bool useSandbox,
                  const PlivoCredentials &credentials,
                  const QString &from,
                  const QString &to,
                  const QString &text,
                  const QString &source);

    IntegrationService &m_integrations;
    SmsMessageRepository &m_record;
    QNetworkAccessManager *m_network;
    PlivoSandbox *m_sandbox;
    PlivoClient *m_plivo;
    PlivoClient *m_sandboxClient;
    DeliveryTracker *m_plivoTracker;
    DeliveryTracker *m_sandboxTracker;
};
