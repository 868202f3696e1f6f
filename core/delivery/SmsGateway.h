#pragma once

#include "core/plivo/PlivoTypes.h"

#include <QObject>

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

    /// Checks credentials against the account endpoint; with @p useSandbox, the sandbox's.
    PlivoCall *testConnection(const PlivoCredentials &credentials, bool useSandbox);
    /// Lists the account's SMS-enabled numbers; with @p useSandbox, the sandbox's.
    PlivoCall *listNumbers(const PlivoCredentials &credentials, bool useSandbox);

    /**
     * @brief Sends @p text to @p to through installed @p integration and follows its delivery.
     * @param source recorded with the message, e.g. "integration-test"
     */
    SmsSend *
    send(const Integration &integration, const QString &to, const QString &text, const QString &source);

private:
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
