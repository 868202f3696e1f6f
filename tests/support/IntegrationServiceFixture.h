#pragma once

// What the integration service suites share: a fresh tenant with a service over the shipped catalog,
// Plivo inputs, and a way to wait for an IntegrationJob.

#include "core/actions/IntegrationService.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/TempTenant.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <memory>
#include <optional>

/// The shared fixture; a suite derives from it next to QObject and calls setUp() and tearDown().
class IntegrationServiceFixture
{
protected:
    using Configuration = QHash<QString, QString>;
    using Secrets = QHash<QString, QByteArray>;

    /// What an IntegrationJob reported, kept after the job has deleted itself.
    struct JobOutcome
    {
        int finishedCount = 0;
        bool succeeded = false;
        std::optional<Error> error;
        Integration integration;
        QHash<QString, QString> problems;

        Error::Kind kind() const { return error ? error->kind() : Error::Kind::Invalid; }
        QByteArray message() const { return error ? error->message().toUtf8() : QByteArray(); }
    };

    /// The Plivo Auth ID input.
    static inline const QString kAuthId = QStringLiteral("PLIVO_AUTH_ID");
    /// The Plivo Auth Token input.
    static inline const QString kAuthToken = QStringLiteral("PLIVO_AUTH_TOKEN");
    /// The Plivo sender number input.
    static inline const QString kNumber = QStringLiteral("PLIVO_NUMBER");
    /// A well-formed Auth ID.
    static inline const QByteArray kAuthIdValue = QByteArrayLiteral("MAABCDEFGHJK12345678");
    /// A well-formed Auth Token.
    static inline const QByteArray kTokenValue = QByteArrayLiteral("tok3n-Sx9QpL2vWm7RzK4bN8cY1dF6gH0jT5");

    /// The configuration with sender number @p value.
    static Configuration number(const QString &value = QStringLiteral("+1 (555) 444-3232"));
    /// The valid Auth ID with @p token.
    static Secrets credentials(const QByteArray &token = kTokenValue);
    /**
     * @brief Waits until @p job finishes and has deleted itself, and returns what it reported.
     *
     * A job that never finishes, or finishes more than once, comes back as a Timeout failure, so that
     * every check on the outcome fails.
     */
    static JobOutcome waitFor(IntegrationJob *job);

    /// Makes the temporary tenant and the service over it; fails the test when it cannot.
    void setUp();
    /// Drops the service and the tenant.
    void tearDown();

    /// A service over the temporary tenant, with @p store (the tenant's memory store by default).
    std::unique_ptr<IntegrationService> makeService(SecretStore *store = nullptr);
    /// The id of the temporary tenant.
    QString tenantId() { return m_temp->tenant().id(); }
    /// The rows in the integrations table; -1 when the query fails.
    int rowCount();
    /// The secret @p key of @p integrationId in @p store (the tenant's memory store by default).
    SecretJobResult
    storedSecret(const QString &integrationId, const QString &key, SecretStore *store = nullptr);
    /// Installs Plivo with valid credentials; the returned integration has no id when that failed.
    Integration installPlivo();

    /// The temporary tenant of the running test.
    std::unique_ptr<TempTenant> m_temp;
    /// The service over m_temp.
    std::unique_ptr<IntegrationService> m_service;
};
