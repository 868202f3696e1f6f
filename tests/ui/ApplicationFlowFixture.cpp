#include "ApplicationFlowFixture.h"

#include "core/secrets/SecretStore.h"
#include "core/tenant/Tenant.h"
#include "ui/applications/ApplicationPage.h"
#include "ui/applications/ApplicationSettingsTab.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

void ApplicationFlowFixture::initApplication(const QString &name)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(name);
}

void ApplicationFlowFixture::setUp()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void ApplicationFlowFixture::tearDown()
{
    m_window.reset();
    m_tenant.reset();
}

ApplicationPage *ApplicationFlowFixture::applicationPage() const
{
    return qobject_cast<ApplicationPage *>(m_window->page(Page::Id::Application));
}

ApplicationSettingsTab *ApplicationFlowFixture::settingsTab() const
{
    return applicationPage()->findChild<ApplicationSettingsTab *>(QStringLiteral("settingsTab"));
}

bool ApplicationFlowFixture::openSettings(const QString &clientId)
{
    if (!m_window->showPage(Page::Id::Application, clientId))
        return false;
    applicationPage()->tabs()->setCurrentWidget(settingsTab());
    return m_window->currentPageId() == Page::Id::Application && applicationPage()->clientId() == clientId
        && settingsTab()->isVisible();
}

SecretJobResult ApplicationFlowFixture::storedSecret(const QString &clientId)
{
    return waitForJob(
        m_tenant->secrets().read(SecretStore::clientSecretKey(m_tenant->tenant().id(), clientId)));
}
