#pragma once

#include <QString>
#include <QStringList>

class MainWindow;
class QWidget;
class Tenant;

/**
 * @brief Renders every page and dialog, in the light and the dark look, to PNG files.
 *
 * Works on the offscreen platform: nothing needs a display.
 */
class ScreenshotRenderer
{
public:
    ScreenshotRenderer(Tenant &tenant, MainWindow &window);

    /// Writes NAME-light.png and NAME-dark.png for each page and dialog into @p folder.
    /// Returns the files written; @p error is set when one could not be written.
    QStringList renderAll(const QString &folder, QString *error);

    /// Fills @p tenant with a few realistic applications so the pictures show something.
    static bool seedSampleData(Tenant &tenant, QString *error);

private:
    bool save(QWidget *widget, const QString &name);

    Tenant &m_tenant;
    MainWindow &m_window;
    QString m_folder;
    QString m_theme;
    QStringList m_written;
    QString m_error;
};
