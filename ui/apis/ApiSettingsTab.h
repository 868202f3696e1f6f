#pragma once

#include <QWidget>

class QLineEdit;

/**
 * @brief A system API's Settings tab: its name, identifier, token expiration and signing algorithm, read
 *        only (Auth0 fixes a system API's settings).
 */
class ApiSettingsTab : public QWidget
{
    Q_OBJECT

public:
    ApiSettingsTab(const QString &name, QWidget *parent = nullptr);

    void setIdentifier(const QString &identifier);

private:
    QLineEdit *m_identifier;
};
