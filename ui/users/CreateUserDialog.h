#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class UserStore;

/**
 * @brief Create User: an email and a password (at least 8 characters). The store validates; its
 *        errors show inline under the field they are about. Create hashes the password off the GUI
 *        thread; the dialog closes when the user exists.
 */
class CreateUserDialog : public QDialog
{
    Q_OBJECT

public:
    CreateUserDialog(UserStore &store, QWidget *parent = nullptr);

    /// The id of the user created, once the dialog was accepted.
    QString createdUserId() const { return m_createdUserId; }

    void accept() override;

private:
    void updateState();
    void setBusy(bool busy);

    UserStore &m_store;
    QLineEdit *m_email;
    QLabel *m_emailError;
    QLineEdit *m_password;
    QLabel *m_passwordError;
    QLabel *m_error;
    QPushButton *m_create;
    QString m_createdUserId;
};
