#include "ScreenshotRenderer.h"

#include "applications/ApplicationPage.h"
#include "applications/ApplicationService.h"
#include "applications/CreateApplicationDialog.h"
#include "applications/DeleteApplicationDialog.h"
#include "shell/MainWindow.h"
#include "shell/Theme.h"
#include "tenant/Tenant.h"

#include <QApplication>
#include <QDir>
#include <QTabWidget>

ScreenshotRenderer::ScreenshotRenderer(Tenant &tenant, MainWindow &window)
    : m_tenant(tenant)
    , m_window(window)
{ }

bool ScreenshotRenderer::seedSampleData(Tenant &tenant, QString *error)
{
    ApplicationService &apps = tenant.applications();
    const QList<NewApplication> samples {
        {QStringLiteral("My React App"), ApplicationType::SinglePage, QStringLiteral("React"), {}},
        {QStringLiteral("Billing Service"),
         ApplicationType::MachineToMachine,
         {},
         QStringLiteral("Nightly invoices")},
        {QStringLiteral("Customer Portal"), ApplicationType::RegularWeb, {}, {}},
        {QStringLiteral("Field Agent (iOS)"), ApplicationType::Native, {}, {}},
    };
    for (const NewApplication &sample : samples) {
        auto created = apps.create(sample);
        if (!created) {
            *error = created.error().message();
            return false;
        }
        if (sample.type == ApplicationType::SinglePage) {
            Application app = created.value();
            app.callbacks = app.logoutUrls = app.webOrigins = {QStringLiteral("http://localhost:3000")};
            if (auto updated = apps.update(app); !updated) {
                *error = updated.error().message();
                return false;
            }
        }
    }
    return true;
}

bool ScreenshotRenderer::save(QWidget *widget, const QString &name)
{
    QCoreApplication::processEvents();
    const QString file = QDir(m_folder).filePath(name + QLatin1Char('-') + m_theme + QStringLiteral(".png"));
    if (!widget->grab().save(file)) {
        m_error = QObject::tr("Could not write %1.").arg(file);
        return false;
    }
    m_written.append(file);
    return true;
}

QStringList ScreenshotRenderer::renderAll(const QString &folder, QString *error)
{
    m_folder = folder;
    m_written.clear();
    if (!QDir().mkpath(folder)) {
        *error = QObject::tr("Cannot create the folder %1.").arg(folder);
        return {};
    }
    auto firstSpa = m_tenant.applications().firstOfType(ApplicationType::SinglePage, false);
    const QString spa = firstSpa && firstSpa.value() ? firstSpa.value()->clientId : QString();

    for (Theme::Mode mode : {Theme::Mode::Light, Theme::Mode::Dark}) {
        Theme::instance().apply(mode);
        m_theme = Theme::modeKey(mode);
        m_window.show();
        for (const auto &[id, name] : MainWindow::pageNames()) {
            if (id == Page::Id::Application) {
                m_window.showPage(id, spa);
                auto *page = static_cast<ApplicationPage *>(m_window.page(id));
                page->tabs()->setCurrentIndex(0);
                save(&m_window, name + QStringLiteral("-quickstart"));
                page->tabs()->setCurrentIndex(1);
                save(&m_window, name + QStringLiteral("-settings"));
                continue;
            }
            m_window.showPage(id);
            save(&m_window, name);
        }

        CreateApplicationDialog create(m_tenant.applications(), &m_window);
        create.show();
        create.adjustSize();
        save(&create, QStringLiteral("create-application-dialog"));
        DeleteApplicationDialog remove(QStringLiteral("My React App"), &m_window);
        remove.show();
        save(&remove, QStringLiteral("delete-application-dialog"));
    }
    m_window.showPage(Page::Id::GettingStarted);
    if (!m_error.isEmpty())
        *error = m_error;
    return m_written;
}
