#pragma once

// What the flow draft suites share: a fresh tenant with every entry of a small input-free catalog
// installed, and a flow service over it.

#include "core/actions/IntegrationService.h"
#include "core/flows/FlowService.h"
#include "tests/support/TempTenant.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>

/// The shared fixture; a suite derives from it next to QObject and calls setUp() and tearDown().
class FlowDraftFixture
{
protected:
    using Bindings = QList<Binding>;

    /// The Send Phone Message trigger.
    static inline const QString kPhone = QStringLiteral("send-phone-message");

    /// A catalog of input-free integrations: four for Send Phone Message, one for Login.
    static QByteArray testCatalog();
    /// Installs catalog entry @p catalogId through @p service; an integration without id when it failed.
    static Integration install(IntegrationService &service, const QString &catalogId);

    /// Makes the tenant and the services and installs the whole catalog; fails the test when it cannot.
    void setUp();
    /// Drops the installed integrations, the services and the tenant.
    void tearDown();

    /// The binding of the integration installed from @p catalogId.
    Binding binding(const QString &catalogId) const;
    /// Applies alpha, bravo, charlie to Send Phone Message.
    void applyThree();
    /// The bindings of alpha, bravo and charlie, in that order.
    Bindings three() const
    {
        return {binding(QStringLiteral("alpha")),
                binding(QStringLiteral("bravo")),
                binding(QStringLiteral("charlie"))};
    }

    /// The temporary tenant of the running test.
    std::unique_ptr<TempTenant> m_temp;
    /// The integration service over the test catalog.
    std::unique_ptr<IntegrationService> m_integrations;
    /// The flow service under test.
    std::unique_ptr<FlowService> m_service;
    /// The installed integrations, by catalog id.
    QHash<QString, Integration> m_installed;
};
