#pragma once

#include <QByteArray>
#include <QDialog>
#include <QStringList>

class QLabel;
class QLineEdit;

/**
 * @brief Asks for a secret of a custom action: its name and its value (Auth0's "Add Secret"), or a new
 *        value for an existing one (the name then cannot change).
 *
 * The value is typed in a password field and checked only for being there; the name follows
 * CustomActionService::secretNameProblem(), with the error shown under the field. The dialog does not
 * save anything: whoever opened it takes the value with takeValue() once it was accepted.
 */
class SecretDialog : public QDialog
{
    Q_OBJECT

public:
    /// Adds a secret; @p existing are the names already set, refused with a hint to replace instead.
    SecretDialog(const QStringList &existing, QWidget *parent = nullptr);
    /// Replaces the value of secret @p name.
    SecretDialog(const QString &name, QWidget *parent = nullptr);

    QString name() const;
    /// The value typed, as UTF-8; the field is emptied, so the value is no longer in any widget.
    QByteArray takeValue();

    /// Accepts only a valid name and a value.
    void accept() override;

private:
    void build(bool replacing);

    QStringList m_existing;
    QLineEdit *m_name;
    QLineEdit *m_value;
    QLabel *m_nameError;
    QLabel *m_valueError;
};
