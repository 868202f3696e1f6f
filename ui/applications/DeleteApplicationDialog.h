#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

/**
 * @brief Asks the admin to type the application's name before it is deleted.
 */
class DeleteApplicationDialog : public QDialog
{
    Q_OBJECT

public:
    DeleteApplicationDialog(const QString &applicationName, QWidget *parent = nullptr);

private:
    QLineEdit *m_confirm;
    QPushButton *m_delete;
};
