#pragma once

#include <QDialog>

/**
 * @brief Help > About: Authdeck's version, the Qt it runs on, the open tenant file, and the license of
 *        Authdeck and of each library it links (LinkedLibrary::all()).
 */
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(const QString &tenantPath, QWidget *parent = nullptr);
};
