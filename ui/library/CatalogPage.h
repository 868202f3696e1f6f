#pragma once

#include "ui/shell/Page.h"

class IntegrationCatalog;
class QLineEdit;
class QVBoxLayout;
class QLabel;

/**
 * @brief Browse the integration catalog, with search by name, as the walkthrough searches "Plivo".
 */
class CatalogPage : public Page
{
    Q_OBJECT

public:
    CatalogPage(const IntegrationCatalog &catalog, QWidget *parent = nullptr);

    void open(const QString &argument) override;

private:
    void filter(const QString &text);

    const IntegrationCatalog &m_catalog;
    QLineEdit *m_search;
    QVBoxLayout *m_results;
    QLabel *m_empty;
};
