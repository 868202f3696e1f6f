#pragma once

#include <QDialog>
#include <QUrl>

#include <functional>

class ChoiceCard;
class MessageBar;
class QLabel;
class QLineEdit;
class QPushButton;
class Tenant;

/**
 * @brief File > Export Tenant: the tenant written in Auth0 Deploy CLI's YAML or directory format into a
 *        folder, never a secret; then what was written, with a button that opens the folder.
 */
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ExportDialog(Tenant &tenant, QWidget *parent = nullptr);

    /// The folder the files go to; remembered for the next export.
    QString folder() const;
    void setFolder(const QString &folder);
    /// Whether the YAML format (tenant.yaml) is chosen rather than the directory format.
    bool isYaml() const;

    /// The files the last export wrote, relative to its folder.
    const QStringList &written() const { return m_written; }

    /// Opens @p url in the desktop's file manager (QDesktopServices::openUrl); tests record instead.
    using Opener = std::function<bool(const QUrl &url)>;
    void setOpener(Opener opener);

    /// Writes the files; what was written or why not shows in the dialog. False when nothing was written.
    bool exportTenant();

private:
    void updateFolderHint();

    Tenant &m_tenant;
    QLineEdit *m_folder;
    QLabel *m_folderError;
    QLabel *m_folderHint;
    ChoiceCard *m_yaml;
    ChoiceCard *m_directory;
    MessageBar *m_message;
    QPushButton *m_export;
    QStringList m_written;
    Opener m_opener;
};
