#pragma once

// What the applications flow suites share: a fresh tenant, the real main window on it, and the helpers
// that open an application's Settings tab and read its stored client secret.

#include "core/applications/ApplicationService.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/TempTenant.h"
#include "ui/shell/MainWindow.h"

#include <QString>

#include <memory>

class ApplicationPage;
class ApplicationSettingsTab;

/// The shared fixture; a suite derives from it next to QObject and calls setUp() and tearDown().
class ApplicationFlowFixture
{
protected:
    /// Settings of the suite named @p name stay in test mode, apart from other suites.
    static void initApplication(const QString &name);
    void setUp();
    void tearDown();

    ApplicationService &service() { return m_tenant->tenant().applications(); }
    ApplicationPage *applicationPage() const;
    ApplicationSettingsTab *settingsTab() const;
    /// Opens the application @p clientId and switches to its Settings tab.
    bool openSettings(const QString &clientId);
    /// The stored client secret of @p clientId, read from the secret store.
    SecretJobResult storedSecret(const QString &clientId);

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<MainWindow> m_window;
};
