/** Common Danish names, towns with their postal codes, and street names for the demo population. */
export const SURNAMES = [
  'Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen',
  'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen',
] as const;

export const FEMALE_NAMES = [
  'Anne', 'Kirsten', 'Mette', 'Hanne', 'Anna', 'Helle', 'Susanne', 'Lene', 'Maria', 'Marianne',
  'Inge', 'Karen', 'Bodil', 'Birthe', 'Søs', 'Jytte', 'Grethe', 'Ida', 'Freja', 'Astrid',
  'Sofie', 'Bente', 'Åse', 'Dorthe', 'Signe', 'Line', 'Camilla', 'Louise', 'Sørine', 'Gudrun',
] as const;

export const MALE_NAMES = [
  'Peter', 'Jens', 'Lars', 'Michael', 'Henrik', 'Thomas', 'Søren', 'Jan', 'Niels', 'Anders',
  'Morten', 'Jørgen', 'Hans', 'Poul', 'Ole', 'Bjørn', 'Kåre', 'Æbbe', 'Torben', 'Rasmus',
  'Frederik', 'Mads', 'Jesper', 'Bent', 'Erik', 'Knud', 'Svend', 'Åge', 'Jørn', 'Palle',
] as const;

/** Towns with a postal code that belongs to them. */
export const TOWNS: readonly { readonly city: string; readonly postalCode: string }[] = [
  { city: 'København Ø', postalCode: '2100' },
  { city: 'København N', postalCode: '2200' },
  { city: 'Frederiksberg C', postalCode: '1850' },
  { city: 'Hillerød', postalCode: '3400' },
  { city: 'Helsingør', postalCode: '3000' },
  { city: 'Roskilde', postalCode: '4000' },
  { city: 'Næstved', postalCode: '4700' },
  { city: 'Slagelse', postalCode: '4200' },
  { city: 'Odense C', postalCode: '5000' },
  { city: 'Svendborg', postalCode: '5700' },
  { city: 'Kolding', postalCode: '6000' },
  { city: 'Sønderborg', postalCode: '6400' },
  { city: 'Esbjerg', postalCode: '6700' },
  { city: 'Vejle', postalCode: '7100' },
  { city: 'Herning', postalCode: '7400' },
  { city: 'Holstebro', postalCode: '7500' },
  { city: 'Aarhus C', postalCode: '8000' },
  { city: 'Silkeborg', postalCode: '8600' },
  { city: 'Horsens', postalCode: '8700' },
  { city: 'Viborg', postalCode: '8800' },
  { city: 'Randers C', postalCode: '8900' },
  { city: 'Aalborg', postalCode: '9000' },
  { city: 'Hjørring', postalCode: '9800' },
];

export const STREETS = [
  'Vestergade', 'Østergade', 'Nørregade', 'Søndergade', 'Skovvej', 'Kirkevej', 'Strandvejen', 'Møllevej', 'Engvej',
  'Bakkevej', 'Rosenvænget', 'Åboulevarden', 'Kløvervænget', 'Fælledvej', 'Skolegade', 'Præstegårdsvej',
] as const;
