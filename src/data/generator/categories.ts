export interface Category {
  /** Portuguese name as in olist_products_dataset.csv; '' for products without a category. */
  readonly name: string;
  /** English name in the translation file; null for the two categories the real file lacks. */
  readonly english: string | null;
  /** Share of the catalogue (roughly the real item counts per category, in hundreds). */
  readonly share: number;
  /** Median list price in BRL. */
  readonly medianPrice: number;
  /** Category term b_cat of the demand function (see DATASET.md). */
  readonly demandEffect: number;
}

const c = (
  name: string,
  english: string | null,
  share: number,
  medianPrice: number,
  demandEffect: number,
): Category => ({ name, english, share, medianPrice, demandEffect });

export const CATEGORIES: readonly Category[] = [
  c('cama_mesa_banho', 'bed_bath_table', 111, 80, 0.3),
  c('beleza_saude', 'health_beauty', 96, 80, 0.35),
  c('esporte_lazer', 'sports_leisure', 86, 80, 0.2),
  c('moveis_decoracao', 'furniture_decor', 83, 70, 0.1),
  c('informatica_acessorios', 'computers_accessories', 78, 80, 0.25),
  c('utilidades_domesticas', 'housewares', 69, 60, 0.15),
  c('relogios_presentes', 'watches_gifts', 59, 130, 0.3),
  c('telefonia', 'telephony', 45, 30, 0.1),
  c('ferramentas_jardim', 'garden_tools', 43, 60, 0.05),
  c('automotivo', 'auto', 42, 80, 0.0),
  c('brinquedos', 'toys', 41, 80, 0.15),
  c('cool_stuff', 'cool_stuff', 38, 130, 0.1),
  c('perfumaria', 'perfumery', 34, 90, 0.2),
  c('bebes', 'baby', 30, 90, 0.1),
  c('eletronicos', 'electronics', 27, 35, 0.05),
  c('papelaria', 'stationery', 25, 70, -0.05),
  c('fashion_bolsas_e_acessorios', 'fashion_bags_accessories', 20, 45, 0.0),
  c('pet_shop', 'pet_shop', 19, 60, 0.1),
  c('moveis_escritorio', 'office_furniture', 17, 180, 0.2),
  c('consoles_games', 'consoles_games', 11, 60, 0.0),
  c('malas_acessorios', 'luggage_accessories', 11, 130, -0.05),
  c('construcao_ferramentas_construcao', 'construction_tools_construction', 9, 70, -0.1),
  c('eletrodomesticos', 'home_appliances', 8, 50, -0.05),
  c('instrumentos_musicais', 'musical_instruments', 7, 130, -0.1),
  c('eletroportateis', 'small_appliances', 7, 150, 0.05),
  c('casa_construcao', 'home_construction', 6, 80, -0.15),
  c('livros_interesse_geral', 'books_general_interest', 5.5, 40, -0.1),
  c('alimentos', 'food', 5, 40, -0.1),
  c('moveis_sala', 'furniture_living_room', 5, 100, -0.15),
  c('casa_conforto', 'home_confort', 4.3, 90, -0.1),
  c('bebidas', 'drinks', 3.8, 30, -0.15),
  c('audio', 'audio', 3.6, 90, -0.1),
  c('market_place', 'market_place', 3.1, 100, -0.2),
  c('construcao_ferramentas_iluminacao', 'construction_tools_lights', 3, 70, -0.15),
  c('climatizacao', 'air_conditioning', 3, 140, -0.1),
  c(
    'moveis_cozinha_area_de_servico_jantar_e_jardim',
    'kitchen_dining_laundry_garden_furniture',
    2.8,
    130,
    -0.2,
  ),
  c('alimentos_bebidas', 'food_drink', 2.8, 40, -0.15),
  c('industria_comercio_e_negocios', 'industry_commerce_and_business', 2.7, 100, -0.2),
  c('livros_tecnicos', 'books_technical', 2.6, 70, -0.2),
  c('telefonia_fixa', 'fixed_telephony', 2.6, 80, -0.2),
  c('fashion_calcados', 'fashion_shoes', 2.6, 80, -0.2),
  c('eletrodomesticos_2', 'home_appliances_2', 2.4, 450, 0.0),
  c('construcao_ferramentas_jardim', 'costruction_tools_garden', 2.4, 80, -0.2),
  c('construcao_ferramentas_ferramentas', 'costruction_tools_tools', 1.0, 60, -0.25),
  c('agro_industria_e_comercio', 'agro_industry_and_commerce', 2.1, 120, -0.25),
  c('artes', 'art', 2.1, 60, -0.25),
  c('pcs', 'computers', 2, 1100, 0.3),
  c('sinalizacao_e_seguranca', 'signaling_and_security', 2, 60, -0.25),
  c('construcao_ferramentas_seguranca', 'construction_tools_safety', 1.9, 100, -0.25),
  c('artigos_de_natal', 'christmas_supplies', 1.5, 60, -0.3),
  c('fashion_roupa_masculina', 'fashion_male_clothing', 1.3, 80, -0.25),
  c('fashion_underwear_e_moda_praia', 'fashion_underwear_beach', 1.3, 40, -0.25),
  c('moveis_quarto', 'furniture_bedroom', 1, 150, -0.3),
  c('tablets_impressao_imagem', 'tablets_printing_image', 0.8, 80, -0.3),
  c('portateis_casa_forno_e_cafe', 'small_appliances_home_oven_and_coffee', 0.8, 400, 0.0),
  c('cine_foto', 'cine_photo', 0.7, 60, -0.3),
  c('dvds_blu_ray', 'dvds_blu_ray', 0.6, 60, -0.35),
  c('livros_importados', 'books_imported', 0.6, 50, -0.3),
  c('fashion_roupa_feminina', 'fashio_female_clothing', 0.5, 60, -0.3),
  c('moveis_colchao_e_estofado', 'furniture_mattress_and_upholstery', 0.4, 100, -0.3),
  c('fraldas_higiene', 'diapers_and_hygiene', 0.4, 40, -0.3),
  c('musica', 'music', 0.4, 100, -0.35),
  c('artigos_de_festas', 'party_supplies', 0.4, 50, -0.35),
  c('flores', 'flowers', 0.3, 30, -0.35),
  c('casa_conforto_2', 'home_comfort_2', 0.3, 30, -0.4),
  c('fashion_esporte', 'fashion_sport', 0.3, 50, -0.4),
  c('artes_e_artesanato', 'arts_and_craftmanship', 0.25, 40, -0.4),
  c('portateis_cozinha_e_preparadores_de_alimentos', null, 0.15, 190, -0.3),
  c('la_cuisine', 'la_cuisine', 0.15, 150, -0.4),
  c('cds_dvds_musicais', 'cds_dvds_musicals', 0.15, 50, -0.4),
  c('pc_gamer', null, 0.1, 170, -0.2),
  c('fashion_roupa_infanto_juvenil', 'fashion_childrens_clothes', 0.1, 70, -0.4),
  c('seguros_e_servicos', 'security_and_services', 0.05, 150, -0.4),
];

/** Products without a category: ~1.85% of the catalogue, as in Olist (610 of 32,951). */
export const UNCATEGORISED: Category = c('', null, 0, 80, -0.2);
export const UNCATEGORISED_SHARE = 0.0185;

/** The two categories products use that the translation file lacks (as in the real file). */
export const UNTRANSLATED = CATEGORIES.filter((cat) => cat.english === null);

const byName = new Map(CATEGORIES.map((cat) => [cat.name, cat]));

export function categoryByName(name: string): Category | undefined {
  return name === '' ? UNCATEGORISED : byName.get(name);
}
