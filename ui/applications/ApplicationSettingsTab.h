#pragma once

#include "core/model/Application.h"

#include <QWidget>

struct ApplicationValidation;
class MessageBar;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class SecretField;
class Tenant;
class UrlListEdit;

/**
 * @brief An application's Settings tab: basic information, type, URIs, Save Changes and Delete.
 */
class ApplicationSettingsTab : public QWidget
{
    Q_OBJECT

public:
    ApplicationSettingsTab(Tenant &tenant, QWidget *parent = nullptr);

    /// Shows @p application as stored, dropping any edits.
    void load(const Application &application);
    /// The application as edited now (not saved).
    Application edited() const;
    bool isDirty() const;
    /// Saves the edits; returns false (and says why inline) when nothing was saved.
    bool save();
    /// Fills the three URI lists with @p url (as the quickstart does); still to be saved.
    void fillUris(const QString &url);

    MessageBar *messageBar() const { return m_message; }

Q_SIGNALS:
    void dirtyChanged(bool dirty);
    void saved(const Application &application);
    void deleteRequested();
    /// The admin chose to drop the edits and load the stored application again.
    void reloadRequested();

private:
    void updateState();
    void loadSecret();
    void rotateSecret();
    void showConflict(const QString &message);
    /// The field of the first rule @p problems lists, in the order of the form.
    QWidget *firstInvalidField(const ApplicationValidation &problems) const;

    Tenant &m_tenant;
    Application m_loaded;
    MessageBar *m_message;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QLineEdit *m_domain;
    QLineEdit *m_clientId;
    QWidget *m_secretRow;
    QLabel *m_secretLabel = nullptr;
    SecretField *m_secret;
    QPushButton *m_rotate;
    QPlainTextEdit *m_description;
    QLabel *m_descriptionCount;
    QComboBox *m_type;
    UrlListEdit *m_callbacks;
    UrlListEdit *m_logoutUrls;
    UrlListEdit *m_webOrigins;
    QPushButton *m_save;
    bool m_wasDirty = false;
};
