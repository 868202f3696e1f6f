#pragma once

// What the Multi-factor Auth suites share: a tenant with its friendly name set, optionally the local test
// phone running with short delays and Plivo installed on it, and the real main window shown on the tenant.

#include "tests/support/TempTenant.h"
#include "ui/shell/MainWindow.h"

#include <QString>

#include <memory>

class PlivoSandbox;

/// The shared fixture; a suite derives from it next to QObject and calls setUp() and tearDown().
class MfaPageFixture
{
protected:
    struct Options
    {
        QString friendlyName = QStringLiteral("Acme Test");
        bool testPhone = false; ///< start the local test phone, quick to deliver
        bool plivo = false; ///< install Plivo on the local test phone (its id in m_plivoId)
    };

    /// A fresh tenant as @p options asks and the main window shown on it. Fails the test when any of it
    /// cannot be made.
    void setUp(const Options &options);
    void tearDown();

    Tenant &tenant() { return m_tenant->tenant(); }
    PlivoSandbox &sandbox();

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
    QString m_plivoId;
};
