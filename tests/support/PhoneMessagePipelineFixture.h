#pragma once

// What the Send Phone Message pipeline suites share: a fresh tenant with the local Plivo sandbox
// running and the phone factor on, a request to send, and ways to install Plivo and run the flow.

#include "core/actions/IntegrationService.h"
#include "core/delivery/SmsGateway.h"
#include "core/pipelines/PhoneMessagePipeline.h"
#include "core/plivo/PlivoSandbox.h"
#include "tests/support/TempTenant.h"

#include <QString>

#include <memory>

/// The shared fixture; a suite derives from it next to QObject and calls setUp() and tearDown().
class PhoneMessagePipelineFixture
{
protected:
    /// The Send Phone Message trigger.
    static inline const QString kPhone = QStringLiteral("send-phone-message");
    /// The phone number requests go to.
    static inline const QString kRecipient = QStringLiteral("+14155550199");
    /// The code requests carry.
    static inline const QString kCode = QStringLiteral("918273");
    /// The tenant's friendly name.
    static inline const QString kName = QStringLiteral("Acme Login");

    /// A request for @p purpose to kRecipient with kCode and a typical user, client and request.
    static PhoneMessageRequest requestFor(const QString &purpose);

    /// Makes the tenant, starts its sandbox and turns the phone factor on; fails the test when it cannot.
    void setUp();
    /// Forgets m_plivo and drops the tenant.
    void tearDown();

    /// The temporary tenant.
    Tenant &tenant() { return m_temp->tenant(); }
    /// The tenant's local Plivo sandbox.
    PlivoSandbox &sandbox() { return tenant().sms().sandbox(); }
    /// Installs Plivo (@p sandbox: on the local test phone) and returns it; empty when that failed.
    Integration installPlivo(bool sandbox);
    /// Sends @p request and waits for finished(); the execution it reported.
    Execution sendAndWait(const PhoneMessageRequest &request);

    /// The temporary tenant of the running test.
    std::unique_ptr<TempTenant> m_temp;
    /// The Plivo integration a test installed.
    Integration m_plivo;
};
