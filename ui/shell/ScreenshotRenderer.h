#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class ApplicationPage;
class MainWindow;
class Tenant;
class QWidget;

/**
 * @brief Renders every page, dialog and window, in the light and the dark look, to PNG files.
 *
 * It first fills the tenant with realistic data through core (applications, the Plivo integration on
 * the local test phone, one test SMS delivered), then renders. Works on the offscreen platform: nothing
 * needs a display. Asynchronous: finished() reports the files written.
 */
class ScreenshotRenderer : public QObject
{
    Q_OBJECT

public:
    ScreenshotRenderer(Tenant &tenant, MainWindow &window, QObject *parent = nullptr);

    /// Seeds the tenant, then writes NAME-light.png and NAME-dark.png for each page and dialog into @p
    /// folder.
    void start(const QString &folder);

Q_SIGNALS:
    /// @p error is empty when every file was written.
    void finished(const QStringList &files, const QString &error);
    /// @p widget is shown as it is rendered under @p name (the file name stem), right before it is saved.
    void rendering(QWidget *widget, const QString &name);

private:
    void seedApplications();
    void sendTestMessage();
    /// A deployed Send Phone Message action with two versions and an undeployed post-login one.
    void seedCustomActions();
    void deployNext(const QString &id, QStringList codes);
    void renderAll();
    void renderDialogs();
    /// The Try window after real logins (a blocked user's failure, an enrollment's timeline), then
    /// finished().
    void renderTryLogins();
    /// Writes the API page's Machine to Machine Applications (one row expanded) and Settings tabs.
    void saveApiPage(const QString &name);
    /// Writes the Settings tab of @p page after a refused Save as @p name, then shows the stored settings.
    void saveRefusedSettings(ApplicationPage *page, const QString &name);
    /// Writes the confirmation box that @p open shows as @p name, then answers it with Cancel.
    void saveConfirmation(const QString &name, const std::function<void()> &open);
    bool save(QWidget *widget, const QString &name);
    void fail(const QString &error);

    Tenant &m_tenant;
    MainWindow &m_window;
    QString m_folder;
    QString m_theme;
    QStringList m_written;
    QString m_error;
    QString m_customActionId; ///< the action the custom action page and its history show
};
